"""Regenerate assets/common-passwords.txt (10,000 distinct lowercase entries, no download).

The list is built from well-known leaked-password patterns: the classic top passwords, common
words and names with the suffixes people add, keyboard walks, repeated and sequential digits,
years and dates, and "leet" spellings. Entries are lowercase because the policy compares
case-insensitively (``Password1`` is refused because ``password1`` is listed).

Run: ``.venv/bin/python tests/auth/gen_common_passwords.py`` (deterministic output).
"""

from __future__ import annotations

from pathlib import Path

TARGET = 10_000
OUT = Path(__file__).resolve().parents[2] / "assets" / "common-passwords.txt"


def _words(text: str) -> list[str]:
    return text.split()


CLASSICS = _words(
    """
123456 password 123456789 12345678 12345 qwerty abc123 football 1234567 monkey 111111
letmein 1234 1234567890 dragon baseball sunshine iloveyou trustno1 princess adobe123 123123
welcome login admin qwerty123 solo 1q2w3e4r master 666666 photoshop 1qaz2wsx qwertyuiop
ashley mustang 121212 starwars 654321 bailey access flower 555555 passw0rd shadow lovely
7777777 michael 888888 superman 696969 hottie freedom aa123456 qazwsx ninja azerty loveme
whatever donald batman zaq1zaq1 password1 000000 charlie jordan23 jennifer hunter2 hunter
killer george harley ranger thomas tigger robert soccer buster daniel hannah jessica pepper
andrew joshua maggie 112233 michelle 11111111 131313 123321 987654321 matrix cheese computer
internet corvette mercedes samsung yankees dallas austin thunder taylor matthew 1111 2000
summer winter spring autumn secret changeme default guest root toor administrator test
test123 testing pass pass123 password123 password12 password! p@ssw0rd p@ssword pa55word
passwort motdepasse contraseña senha parola wachtwoord salasana qwertz asdfgh zxcvbn
asdfghjkl zxcvbnm 1q2w3e 1q2w3e4r5t 1qazxsw2 qweasd qweasdzxc zaq12wsx !qaz2wsx q1w2e3r4
a1b2c3 a1b2c3d4 abcd1234 abcdef abcdefg abcdefgh 11223344 123qwe 123abc iloveyou1
iloveyou2 lovely1 blink182 myspace1 letmein1 welcome1 welcome123 admin123 admin1 root123
monkey1 dragon1 master1 shadow1 sunshine1 football1 baseball1 princess1 qwerty1 qwerty12
abc12345 superman1 batman1 trustno1! charlie1 jordan1 michael1 jessica1 ashley1 hello123
hello hello1 whatever1 freedom1 starwars1 pokemon pokemon1 minecraft fortnite roblox
"""
)

WORDS = _words(
    """
password passw0rd welcome love iloveyou monkey dragon master shadow sunshine princess football
baseball soccer hockey basketball tennis golf jordan michael superman batman spiderman ironman
starwars pokemon pikachu naruto minecraft fortnite roblox matrix ninja pirate killer hunter
ranger tiger lion eagle falcon wolf bear shark panther cobra viper phoenix dragonfly butterfly
flower rose lily daisy angel devil heaven hell secret freedom liberty justice summer winter
spring autumn monday friday sunday january february march april may june july august
september october november december red blue green yellow orange purple black white silver
golden gold diamond crystal money cash dollar lucky happy smile sunny rainbow star moon sun
sky ocean river forest mountain snow fire water earth thunder storm lightning chocolate
cookie cookies candy sugar honey cheese pizza banana apple orange cherry peanut coffee
chicken turkey kitty kitten puppy doggy buddy bailey charlie max lucky molly daisy rocky
buster maggie coco sophie chloe bella lola oscar teddy jack toby sam sammy ginger pepper
scooter shadow simba nala snoopy garfield mickey minnie donald goofy barbie elmo tweety
jesus christ god angel blessed faith grace trinity church bible heaven prayer computer
internet google yahoo facebook myspace twitter instagram youtube tiktok netflix windows
linux apple samsung nokia iphone android gaming gamer player xbox playstation nintendo
mario zelda sonic halo diablo warcraft counter steam login admin administrator root guest
user default test demo access letmein changeme welcome hello hi hey qwerty asdf zxcv
qwertyuiop asdfghjkl zxcvbnm azerty qwertz mustang corvette ferrari porsche mercedes bmw
audi toyota honda ford chevy harley yamaha ducati nissan jeep dodge tesla lambo camaro
london paris berlin madrid rome tokyo newyork chicago boston dallas texas florida california
london america canada england germany france italy spain mexico brazil india china japan
russia poland ireland scotland australia liverpool chelsea arsenal barcelona realmadrid
juventus united city yankees lakers cowboys steelers packers patriots eagles giants bulls
celtics raiders dolphins broncos redsox dodgers marlboro camel beer whiskey vodka party
sexy hottie lover babygirl baby babe sweety sweetheart honey darling princesa mylove
loveyou lovers forever always together family friends friend bestfriend brother sister
mother father mommy daddy mom dad grandma grandpa family1 house home garden school college
student teacher doctor nurse soldier army navy police fireman cowboy pirate wizard magic
merlin gandalf frodo hobbit legolas harrypotter hermione voldemort dumbledore hogwarts
"""
)

NAMES = _words(
    """
james john robert michael william david richard joseph thomas charles christopher daniel
matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
tyler aaron jose adam nathan henry douglas zachary peter kyle walter ethan jeremy harold
keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan
joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene
vincent russell elijah louis bobby philip johnny mary patricia jennifer linda elizabeth
barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley kimberly emily
donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia
kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine
christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie
joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah
martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris
abigail julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana
brittany natalie isabella charlotte rose alexis kayla alex chris sam max ben tom tony nick
mike dave steve jenny katie annie lucy sophie chloe zoe mia ava lily ella
"""
)

SUFFIXES = [
    "",
    "1",
    "12",
    "123",
    "1234",
    "12345",
    "!",
    "1!",
    "123!",
    "01",
    "007",
    "69",
    "99",
    "2",
    "11",
    "13",
    "22",
    "23",
    "77",
    "88",
    "00",
    "21",
    "10",
    "7",
]
YEARS = [str(y) for y in range(1960, 2027)]
LEET = str.maketrans({"a": "@", "o": "0", "e": "3", "i": "1", "s": "$"})
KEYBOARD_WALKS = [
    "qwerty",
    "qwertyui",
    "qwertyuiop",
    "asdfgh",
    "asdfghjk",
    "asdfghjkl",
    "zxcvbn",
    "zxcvbnm",
    "1qaz2wsx",
    "1qaz2wsx3edc",
    "qazwsx",
    "qazwsxedc",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "1q2w3e4r5t6y",
    "q1w2e3r4",
    "q1w2e3r4t5",
    "zaq12wsx",
    "zaq1xsw2",
    "qweasdzxc",
    "poiuytrewq",
    "mnbvcxz",
    "lkjhgfdsa",
    "qwer1234",
    "asdf1234",
    "zxcv1234",
    "1234qwer",
    "1234asdf",
    "qwe123",
    "asd123",
    "zxc123",
    "qweqwe",
    "asdasd",
    "zxczxc",
    "123qweasd",
    "qwe123qwe",
    "abcd1234",
    "abc12345",
    "a1s2d3f4",
    "1a2b3c4d",
]


def _digit_patterns() -> list[str]:
    out: list[str] = []
    seq = "1234567890"
    for n in range(4, 11):
        out.append(seq[:n])
        out.append("9876543210"[:n])
        out.append("0123456789"[:n])
    for d in "0123456789":
        for n in range(4, 11):
            out.append(d * n)
    for a in range(10):
        for b in range(10):
            if a != b:
                out.append(f"{a}{b}" * 3)
                out.append(f"{a}{b}" * 4)
    for a in range(100):
        out.append(f"{a:02d}" * 3)
    return out


def _dates() -> list[str]:
    out: list[str] = []
    for month in range(1, 13):
        for day in range(1, 32, 3):
            for year in (1985, 1988, 1990, 1992, 1995, 1998, 2000):
                out.append(f"{day:02d}{month:02d}{year}")
                out.append(f"{month:02d}{day:02d}{year}")
    return out


def generate() -> list[str]:
    """All entries, most common first, deduplicated, exactly TARGET long."""
    candidates: list[str] = []
    candidates += CLASSICS
    candidates += KEYBOARD_WALKS
    for suffix in SUFFIXES[:8]:
        candidates += [w + suffix for w in WORDS]
    for suffix in SUFFIXES[:6]:
        candidates += [n + suffix for n in NAMES]
    for year in YEARS[::-1]:
        candidates += [w + year for w in WORDS[:120]]
    candidates += [w.translate(LEET) + s for w in WORDS[:150] for s in ("", "1", "123", "!")]
    candidates += _digit_patterns()
    for suffix in SUFFIXES[8:]:
        candidates += [w + suffix for w in WORDS]
    for year in YEARS[::-1]:
        candidates += [n + year for n in NAMES[:100]]
    candidates += [w.capitalize() + s for w in WORDS[:50] for s in ("@123", "#1")]
    candidates += _dates()
    seen: dict[str, None] = {}
    for item in candidates:
        entry = item.lower()
        if len(entry) >= 4 and entry not in seen:
            seen[entry] = None
        if len(seen) == TARGET:
            break
    if len(seen) < TARGET:
        raise SystemExit(f"only {len(seen)} distinct candidates; add more patterns")
    return list(seen)


if __name__ == "__main__":
    entries = generate()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(entries) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} entries to {OUT}")
