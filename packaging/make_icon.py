"""Draw the product's icon, packaging/icon.ico: the character 档 in white on the Party-red
rounded square, from the bundled WenQuanYi Zen Hei font. Run once when the design changes:
.venv/bin/python packaging/make_icon.py"""
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
RED, GOLD, WHITE = (200, 16, 46, 255), (255, 214, 102, 255), (255, 255, 255, 255)


def draw(size: int = 256) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, size - 8, size - 8), radius=size // 6, fill=RED)
    pen.rounded_rectangle((22, 22, size - 22, size - 22), radius=size // 9, outline=GOLD, width=6)
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "wqy-zenhei.ttc"), int(size * 0.62))
    pen.text((size / 2, size / 2 + size * 0.02), "档", font=font, fill=WHITE, anchor="mm")
    return image


if __name__ == "__main__":
    target = Path(__file__).with_name("icon.ico")
    draw().save(target, sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    print(target, target.stat().st_size)
