"""Demo photos drawn at load time: a conference hall, a reception with people
at tables, a group in front of a building, a factory floor, a city view.

Simple scenes with soft focus, light and grain, so that the demo looks like a
site with photos of its events. No text is drawn into the pixels (the credit
is data, shown beside the photo) and no font is needed.
"""

import functools
import io
import random
import zlib

from django.core.files.base import ContentFile
from PIL import Image, ImageChops, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1600, 1067
CLOTHES = [
    "#1f2a3a",
    "#2c2f36",
    "#3b4a5e",
    "#5a5f66",
    "#24324a",
    "#6b4f3a",
    "#7a2e2e",
    "#384b3c",
    "#8a8f96",
    "#c9b79c",
    "#14171c",
    "#45536b",
]
SKIN = ["#f1c9a5", "#e0ac80", "#c68b5e", "#a56a43", "#7c4a2d", "#f5d6bd", "#d9a27a"]
HAIR = ["#1b1410", "#3a2a1f", "#5b4633", "#8d7459", "#bfb5a8", "#2b2b2b"]

# Words in a caption that choose the scene.
SCENES = (
    ("factory", ("produktion", "factory", "fabrik", "werk")),
    ("hall", ("vortrag", "präsent", "berichtet", "konferenz", "podium")),
    ("city", ("vor dem", "hafenamt", "station", "leeds", "zu gast an", "rathaus")),
    ("group", ("delegation",)),
)


def scene_for(caption: str) -> str:
    caption = caption.lower()
    for scene, words in SCENES:
        if any(word in caption for word in words):
            return scene
    return "reception"


def vertical_gradient(size, top, bottom) -> Image.Image:
    top_image = Image.new("RGB", size, top)
    bottom_image = Image.new("RGB", size, bottom)
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(bottom_image, top_image, mask)


def person(draw, x, base, height, rng, clothes=None, back=False):
    """A standing person seen from the front (or the back), feet at `base`."""
    head = height * 0.13
    shoulders = height * 0.27
    top = base - height
    skin = rng.choice(SKIN)
    hair = rng.choice(HAIR)
    body = clothes or rng.choice(CLOTHES)
    neck_y = top + head * 1.05
    # Torso and legs as one rounded shape, wider at the shoulders.
    draw.rounded_rectangle(
        [x - shoulders / 2, neck_y, x + shoulders / 2, base - height * 0.42],
        radius=shoulders * 0.35,
        fill=body,
    )
    legs = rng.choice(["#1d2027", "#2d3340", "#3d3a36", body])
    draw.rectangle(
        [x - shoulders * 0.36, base - height * 0.45, x + shoulders * 0.36, base],
        fill=legs,
    )
    if not back and rng.random() < 0.6:
        # A shirt collar under a jacket.
        draw.polygon(
            [
                (x - shoulders * 0.12, neck_y),
                (x + shoulders * 0.12, neck_y),
                (x, neck_y + head * 0.9),
            ],
            fill=rng.choice(["#f4f4f2", "#dfe7ef", "#ffffff"]),
        )
    draw.ellipse([x - head * 0.42, top, x + head * 0.42, top + head], fill=skin)
    # Hair: a cap over the top of the head, all of it seen from the back.
    if back:
        draw.ellipse(
            [x - head * 0.45, top - head * 0.04, x + head * 0.45, top + head], fill=hair
        )
    else:
        draw.chord(
            [x - head * 0.46, top - head * 0.08, x + head * 0.46, top + head * 0.7],
            180,
            360,
            fill=hair,
        )


def seated_head(draw, x, y, size, rng, light):
    """An audience member from behind: head and shoulders, rim-lit."""
    body = rng.choice(CLOTHES[:6] + ["#101318"])
    draw.rounded_rectangle(
        [x - size * 1.3, y + size * 0.8, x + size * 1.3, y + size * 3],
        radius=size * 0.8,
        fill=body,
    )
    draw.ellipse(
        [x - size * 0.55, y - size * 0.1, x + size * 0.55, y + size * 1.15],
        fill=rng.choice(HAIR),
    )
    draw.arc(
        [x - size * 0.55, y - size * 0.1, x + size * 0.55, y + size * 1.15],
        200,
        340,
        fill=light,
        width=max(2, int(size * 0.08)),
    )


def soften(image, radius):
    return image.filter(ImageFilter.GaussianBlur(radius))


def layer():
    image = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    return image, ImageDraw.Draw(image)


def hall(rng):
    room = vertical_gradient((WIDTH, HEIGHT), "#2a2522", "#0e0d0d")
    draw = ImageDraw.Draw(room)
    # Stage and the lit screen behind the speaker.
    draw.rectangle([0, 610, WIDTH, 700], fill="#3a302a")
    sx = rng.randint(520, 760)
    glow = Image.new("RGB", (WIDTH, HEIGHT), "#000000")
    ImageDraw.Draw(glow).rectangle([sx - 60, 120, sx + 700, 560], fill="#6f93c4")
    room = ImageChops.add(room, soften(glow, 60))
    draw = ImageDraw.Draw(room)
    draw.rectangle([sx, 170, sx + 640, 530], fill="#dce8f6")
    # Shapes of a slide: a coloured band and a chart, no words.
    draw.rectangle([sx, 170, sx + 640, 230], fill="#0b3d6b")
    for index in range(5):
        bar = rng.randint(60, 220)
        draw.rectangle(
            [sx + 330 + index * 56, 500 - bar, sx + 370 + index * 56, 500],
            fill=rng.choice(["#f6b800", "#0f5291", "#6f93c4"]),
        )
    draw.ellipse([sx + 60, 290, sx + 260, 490], fill="#9db7d8")
    draw.pieslice([sx + 60, 290, sx + 260, 490], -90, 40, fill="#f6b800")
    # A lectern and the speaker beside it.
    lx = sx - 180 if rng.random() < 0.5 else sx + 760
    draw.polygon(
        [(lx - 70, 640), (lx + 70, 640), (lx + 55, 470), (lx - 55, 470)], fill="#4a3b30"
    )
    people, pdraw = layer()
    person(pdraw, lx + (110 if lx < sx else -110), 650, 330, rng)
    room.paste(soften(people, 1.2), (0, 0), soften(people, 1.2))
    room = soften(room, 3)
    # The audience in rows, out of focus in front.
    for row, (y, size) in enumerate([(700, 34), (780, 46), (880, 62), (1000, 84)]):
        audience, adraw = layer()
        x = rng.randint(-40, 40)
        while x < WIDTH + 80:
            seated_head(
                adraw,
                x + rng.randint(-15, 15),
                y + rng.randint(-10, 10),
                size,
                rng,
                "#8fa9cc",
            )
            x += size * rng.uniform(2.6, 3.3)
        blurred = soften(audience, 0.8 + row * 1.6)
        room.paste(blurred, (0, 0), blurred)
    return room


def reception(rng):
    room = vertical_gradient((WIDTH, HEIGHT), "#e9e4dc", "#b9aea0")
    draw = ImageDraw.Draw(room)
    # Tall windows with daylight, a wooden floor.
    for x in range(60, WIDTH, 300):
        draw.rectangle([x, 70, x + 200, 560], fill="#f7f9fb")
        draw.rectangle([x + 96, 70, x + 104, 560], fill="#cfd6dc")
    draw.rectangle([0, 600, WIDTH, HEIGHT], fill="#8a6a4f")
    background, bdraw = layer()
    for _ in range(9):
        person(
            bdraw,
            rng.randint(0, WIDTH),
            rng.randint(640, 680),
            rng.randint(300, 340),
            rng,
        )
    room = soften(room, 5)
    blurred = soften(background, 5)
    room.paste(blurred, (0, 0), blurred)
    # High tables with white cloths and the people standing at them.
    front, fdraw = layer()
    for tx in sorted(rng.sample(range(180, WIDTH - 180, 60), 3)):
        base = rng.randint(940, 1010)
        for side in (-1, 1):
            person(
                fdraw,
                tx + side * rng.randint(150, 210),
                base + rng.randint(0, 30),
                rng.randint(600, 680),
                rng,
            )
        fdraw.polygon(
            [
                (tx - 120, base - 330),
                (tx + 120, base - 330),
                (tx + 60, base),
                (tx - 60, base),
            ],
            fill="#f5f5f3",
        )
        fdraw.ellipse([tx - 130, base - 360, tx + 130, base - 305], fill="#ffffff")
        fdraw.rectangle([tx - 8, base - 410, tx - 2, base - 345], fill="#d8e4ea")
        fdraw.rectangle([tx + 20, base - 400, tx + 26, base - 345], fill="#e8d9a8")
    blurred = soften(front, 1.3)
    room.paste(blurred, (0, 0), blurred)
    return room


def skyline(draw, rng, ground):
    x = -20
    while x < WIDTH:
        width = rng.randint(90, 210)
        height = rng.randint(140, 420)
        colour = rng.choice(["#7d8a99", "#8e97a3", "#6d7886", "#a3a9b0", "#9a8f84"])
        draw.rectangle([x, ground - height, x + width, ground], fill=colour)
        for wy in range(ground - height + 20, ground - 20, 34):
            for wx in range(x + 14, x + width - 20, 30):
                draw.rectangle([wx, wy, wx + 14, wy + 18], fill="#c9d4df")
        x += width + rng.randint(0, 30)
    # A tall tower over the roofs.
    tx = rng.randint(200, WIDTH - 300)
    draw.rectangle([tx, ground - 640, tx + 120, ground], fill="#8d8179")
    draw.rectangle([tx - 10, ground - 680, tx + 130, ground - 620], fill="#6f655e")


def city(rng):
    view = vertical_gradient((WIDTH, HEIGHT), "#6f9fd1", "#dbe8f3")
    draw = ImageDraw.Draw(view)
    for _ in range(5):
        cx, cy = rng.randint(0, WIDTH), rng.randint(60, 300)
        draw.ellipse([cx - 160, cy - 40, cx + 160, cy + 40], fill="#f2f6fa")
    ground = 760
    skyline(draw, rng, ground)
    for _ in range(14):
        cx = rng.randint(0, WIDTH)
        r = rng.randint(50, 90)
        draw.ellipse(
            [cx - r, ground - r * 1.6, cx + r, ground + 10],
            fill=rng.choice(["#4f6b3a", "#5d7a44", "#3e5a31"]),
        )
    draw.rectangle([0, ground, WIDTH, HEIGHT], fill="#a7a39c")
    draw.polygon(
        [(0, HEIGHT), (WIDTH, HEIGHT), (WIDTH, ground + 80), (0, ground + 140)],
        fill="#8f8b84",
    )
    view = soften(view, 2.5)
    group, gdraw = layer()
    xs = sorted(rng.sample(range(300, WIDTH - 300, 45), rng.randint(7, 10)))
    for x in xs:
        person(gdraw, x, rng.randint(1000, 1030), rng.randint(430, 480), rng)
    blurred = soften(group, 1)
    view.paste(blurred, (0, 0), blurred)
    return view


def group(rng):
    room = vertical_gradient((WIDTH, HEIGHT), "#d9dde2", "#a9b0b8")
    draw = ImageDraw.Draw(room)
    # A wall with a blue panel and the amber line of the city's colours.
    draw.rectangle([180, 90, WIDTH - 180, 640], fill="#0b3d6b")
    draw.rectangle([180, 600, WIDTH - 180, 626], fill="#f6b800")
    draw.ellipse([WIDTH / 2 - 120, 200, WIDTH / 2 + 120, 440], fill="#0f5291")
    draw.rectangle([0, 700, WIDTH, HEIGHT], fill="#6e6a66")
    room = soften(room, 6)
    people, pdraw = layer()
    count = rng.randint(8, 11)
    spacing = (WIDTH - 300) / count
    for row, (base, height) in enumerate([(930, 560), (1040, 600)]):
        for index in range(count - row):
            x = 150 + spacing * (index + 0.5 + row * 0.5) + rng.randint(-20, 20)
            person(
                pdraw,
                x,
                base + rng.randint(-10, 10),
                height + rng.randint(-30, 30),
                rng,
            )
    blurred = soften(people, 1.1)
    room.paste(blurred, (0, 0), blurred)
    return room


def factory(rng):
    hall_image = vertical_gradient((WIDTH, HEIGHT), "#59636e", "#2f353c")
    draw = ImageDraw.Draw(hall_image)
    vanish = (WIDTH / 2 + rng.randint(-200, 200), 430)
    # Light strips under the roof, running to the back of the hall.
    for x in range(-800, WIDTH + 800, 260):
        for step in range(0, 10, 2):
            near, far = 1 - step / 10, 1 - (step + 1) / 10
            start = (vanish[0] + (x - vanish[0]) * near, vanish[1] * (1 - near))
            end = (vanish[0] + (x - vanish[0]) * far, vanish[1] * (1 - far))
            draw.line([start, end], fill="#eef3f7", width=max(2, int(12 * near)))
    draw.polygon(
        [
            (0, HEIGHT),
            (WIDTH, HEIGHT),
            (vanish[0] + 300, vanish[1]),
            (vanish[0] - 300, vanish[1]),
        ],
        fill="#7b8187",
    )
    draw.line(
        [(WIDTH * 0.3, HEIGHT), (vanish[0] - 60, vanish[1])], fill="#f6b800", width=14
    )
    draw.line(
        [(WIDTH * 0.72, HEIGHT), (vanish[0] + 60, vanish[1])], fill="#f6b800", width=14
    )
    # Machines along both sides, nearer ones larger.
    for side in (-1, 1):
        for step in range(5):
            depth = 1 - step * 0.17
            w, h = 260 * depth, 240 * depth
            x = vanish[0] + side * (260 + 420 * depth) - w / 2
            y = vanish[1] + 400 * depth - h
            draw.rectangle(
                [x, y, x + w, y + h], fill=rng.choice(["#c7561e", "#2a6f9e", "#9aa3ab"])
            )
            draw.rectangle(
                [x + w * 0.1, y + h * 0.15, x + w * 0.45, y + h * 0.5], fill="#20262c"
            )
    hall_image = soften(hall_image, 2.2)
    people, pdraw = layer()
    for x in sorted(rng.sample(range(500, 1100, 60), 4)):
        person(
            pdraw,
            x,
            rng.randint(900, 960),
            rng.randint(380, 430),
            rng,
            clothes=rng.choice(["#e9d32c", "#f08a24", "#3b4a5e"]),
        )
    blurred = soften(people, 1)
    hall_image.paste(blurred, (0, 0), blurred)
    return hall_image


def finish(image: Image.Image, rng) -> Image.Image:
    """Warm light, a vignette and grain, as a camera gives them."""
    vignette = Image.radial_gradient("L").resize((WIDTH, HEIGHT))
    dark = Image.new("RGB", (WIDTH, HEIGHT), "#000000")
    image = Image.composite(dark, image, vignette.point(lambda v: int(v * 0.55)))
    grain = Image.effect_noise((WIDTH, HEIGHT), 28).convert("RGB")
    image = Image.blend(image, ImageChops.overlay(image, grain), 0.18)
    warmth = Image.new(
        "RGB", (WIDTH, HEIGHT), rng.choice(["#ffe3b8", "#dfe9ff", "#fff0d6"])
    )
    return Image.blend(image, ImageChops.multiply(image, warmth), 0.35)


DRAW = {
    "hall": hall,
    "reception": reception,
    "city": city,
    "group": group,
    "factory": factory,
}


@functools.lru_cache(maxsize=64)
def drawn(seed: str, caption: str) -> bytes:
    """The JPEG bytes of a scene; drawn once per process (tests load often)."""
    # Not for secrets: the same seed draws the same picture on every load.
    rng = random.Random(zlib.crc32(seed.encode()))  # noqa: S311
    image = finish(DRAW[scene_for(caption)](rng).convert("RGB"), rng)
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=78, optimize=True, progressive=True)
    return output.getvalue()


def demo_photo(seed: str, caption: str) -> ContentFile:
    """A JPEG of the scene the caption describes, the same for the same seed."""
    return ContentFile(drawn(seed, caption), name=f"{seed}.jpg")
