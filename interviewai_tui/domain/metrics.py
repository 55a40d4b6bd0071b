"""Platform health samples and alerts (the seed's `systemMetrics` collection)."""

from __future__ import annotations

from pydantic import Field

from interviewai_tui.domain.analytics import FeatureUsage
from interviewai_tui.domain.common import (
    AlertType,
    Document,
    HealthStatus,
    Model,
    ObjectIdStr,
    ProviderStatus,
    UtcDateTime,
    new_id,
)

__all__ = [
    "AiProviderMetric",
    "Alert",
    "ApiMetrics",
    "CollectionSizes",
    "DatabaseMetrics",
    "EndpointMetric",
    "Health",
    "NetworkIO",
    "ProviderErrorCount",
    "ServerMetrics",
    "SystemMetric",
    "UserActivity",
]


class NetworkIO(Model):
    incoming: float = 0.0  # bytes per second
    outgoing: float = 0.0


class ServerMetrics(Model):
    cpu_usage: float = 0.0  # percent
    memory_usage: float = 0.0
    disk_usage: float = 0.0
    network_io: NetworkIO = Field(default_factory=NetworkIO, alias="networkIO")


class Health(Model):
    status: HealthStatus = HealthStatus.HEALTHY
    uptime: float = 100.0  # percent
    response_time: float = 0.0  # ms
    error_rate: float = 0.0  # percent
    server: ServerMetrics = Field(default_factory=ServerMetrics)


class CollectionSizes(Model):
    users: int = 0
    interviews: int = 0
    chat_sessions: int = 0
    questions: int = 0
    analytics: int = 0


class DatabaseMetrics(Model):
    connection_count: int = 0
    query_time: float = 0.0  # ms
    slow_queries: int = 0
    index_usage: float = 0.0  # percent
    collections: CollectionSizes = Field(default_factory=CollectionSizes)


class EndpointMetric(Model):
    path: str
    method: str = "GET"
    request_count: int = 0
    average_latency: float = 0.0
    error_rate: float = 0.0


class ApiMetrics(Model):
    request_count: int = 0
    success_rate: float = 100.0
    average_latency: float = 0.0
    endpoints: list[EndpointMetric] = Field(default_factory=list)
    rate_limit_hits: int = 0
    blocked_requests: int = 0


class ProviderErrorCount(Model):
    type: str
    count: int = 0
    last_occurred: UtcDateTime | None = None


class AiProviderMetric(Model):
    provider: str
    status: ProviderStatus = ProviderStatus.ONLINE
    request_count: int = 0
    success_rate: float = 100.0
    average_latency: float = 0.0
    error_count: int = 0
    cost: float = 0.0
    errors: list[ProviderErrorCount] = Field(default_factory=list)


class UserActivity(Model):
    active_users: int = 0
    new_registrations: int = 0
    total_logins: int = 0
    concurrent_sessions: int = 0
    feature_usage: FeatureUsage = Field(default_factory=FeatureUsage)


class Alert(Model):
    # Not in the seed: an id so that one alert can be resolved without array positions.
    id: ObjectIdStr = Field(alias="_id", default_factory=new_id)
    type: AlertType
    message: str
    component: str | None = None
    timestamp: UtcDateTime
    resolved: bool = False
    resolved_at: UtcDateTime | None = None


class SystemMetric(Document):
    timestamp: UtcDateTime
    health: Health = Field(default_factory=Health)
    database: DatabaseMetrics = Field(default_factory=DatabaseMetrics)
    api: ApiMetrics = Field(default_factory=ApiMetrics)
    ai_providers: list[AiProviderMetric] = Field(default_factory=list)
    user_activity: UserActivity = Field(default_factory=UserActivity)
    alerts: list[Alert] = Field(default_factory=list)
