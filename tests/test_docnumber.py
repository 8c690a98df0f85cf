import pytest

from gazette import docnumber


@pytest.mark.parametrize("printed, normalised", [
    ("盘政办发〔2024〕1号", "盘政办发〔2024〕1号"),
    ("盘政办发[2024]1号", "盘政办发〔2024〕1号"),
    ("盘政办发〔2024〕 1 号", "盘政办发〔2024〕1号"),
    ("盘政办发【2024】第1号", "盘政办发〔2024〕1号"),
    ("盘政发〔2024〕1 号", "盘政发〔2024〕1号"),
    ("晋市政办（2020）15号", "晋市政办〔2020〕15号"),
    ("本政办发〔2020〕 29号", "本政办发〔2020〕29号"),
    ("晋城市人民政府令 第 3 号", "晋城市人民政府令第3号"),
    ("铁政发2024年6号", "铁政发〔2024〕6号"),        # brackets lost by OCR or a copy
    ("铁政发 2024 6号", "铁政发〔2024〕6号"),
])
def test_parse_normalises_printed_forms(printed, normalised):
    assert docnumber.normalise(printed) == normalised


@pytest.mark.parametrize("text", ["2024年1月", "第四次全国文物普查", "（此件公开发布）", "一、总体要求", "2024年6号",
                                  "截至2024年底共6个", "本溪市人民政府公报 2020年第5号", "本溪市人民政府公报2020年5号"])
def test_parse_rejects_lines_that_are_not_numbers(text):
    assert docnumber.parse(text) is None


def test_find_all_keeps_order_and_drops_leading_words():
    text = "按照《国务院关于开展第四次全国文物普查的通知》（国发〔2023〕18号）和辽政发[2023] 19号要求"
    assert [n.normalised for n in docnumber.find_all(text)] == ["国发〔2023〕18号", "辽政发〔2023〕19号"]
