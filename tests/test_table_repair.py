"""Tables a scrape or a PDF broke, rebuilt as printed (gazette.table_repair)."""
from gazette.table_repair import repair

HEADER = [["编号"], ["项目名称"], ["类别"], ["依据"], ["责任单位"]]


def cells(*texts):
    """A row: each text a cell, its parts split at '/'."""
    return [[part for part in text.split("/") if part] for text in texts]


def test_a_clean_table_is_left_exactly_as_it_came():
    rows = [HEADER, cells("1", "道路养护", "公共服务", "《公路法》", "市交通局"), cells("2", "桥梁检测", "", "", "")]
    result = repair(rows)
    assert result.sure and not result.changed and result.rows == rows


def test_names_run_into_cells_go_to_their_columns():
    rows = [HEADER, cells("1", "道路养护", "公共服务", "依据/《公路法》", "责任单位/市交通局")]
    assert repair(rows).rows[1] == cells("1", "道路养护", "公共服务", "《公路法》", "市交通局")


def test_a_number_split_from_its_row_is_joined_to_it():
    rows = [HEADER, cells("1", "道路养护", "公共服务", "《公路法》", "市交通局"),
            cells("编号", "桥梁检测", "公共服务", "《公路法》", "市交通局"), cells("2", "", "", "", "")]
    assert repair(rows).rows[1:] == [cells("1", "道路养护", "公共服务", "《公路法》", "市交通局"),
                                     cells("2", "桥梁检测", "公共服务", "《公路法》", "市交通局")]


def test_a_value_in_a_repeated_header_fills_the_row_lacking_it():
    rows = [HEADER, cells("1", "道路养护", "公共服务", "《公路法》", "市交通局"),
            cells("编号", "项目名称", "类别", "依据/《桥梁条例》", "责任单位"),
            cells("2", "桥梁检测", "公共服务", "", "市交通局")]
    assert repair(rows).rows[2] == cells("2", "桥梁检测", "公共服务", "《桥梁条例》", "市交通局")


def test_a_header_printed_again_is_dropped_even_worded_otherwise():
    rows = [HEADER, cells("1", "道路养护", "公共服务", "《公路法》", "市交通局"),
            cells("编号", "项目名称", "类别", "依据", "牵头单位"), cells("2", "桥梁检测", "公共服务", "《公路法》", "市交通局")]
    result = repair(rows)
    assert result.sure and [row[0] for row in result.rows[1:]] == [["1"], ["2"]]


def test_one_field_a_row_is_one_record():
    rows = [HEADER, cells("编号", "3", "隧道巡查"), cells("项目名称", "隧道巡查"), cells("类别", "公共服务"),
            cells("依据", "《隧道规程》"), cells("责任单位", "市应急局")]
    result = repair(rows)
    assert result.sure and result.rows[1:] == [cells("3", "隧道巡查", "公共服务", "《隧道规程》", "市应急局")]


def test_a_table_whose_shape_cannot_be_told_is_unsure_and_untouched():
    # a named cell whose column is taken already: which value is right cannot be told
    rows = [HEADER, cells("1", "道路养护", "公共服务", "《公路法》", "市交通局", "依据/《桥梁条例》")]
    result = repair(rows)
    assert not result.sure and result.rows == rows


def test_a_fragment_two_rows_could_take_is_unsure():
    rows = [HEADER, cells("", "道路养护", "公共服务", "《公路法》", "市交通局"), cells("编号", "", "", "", ""),
            cells("7", "", "", "", ""), cells("", "桥梁检测", "公共服务", "《公路法》", "市交通局")]
    assert not repair(rows).sure


def test_a_header_run_into_a_split_rows_text_is_not_dropped_as_a_header():
    # a PDF repeats the header where a row breaks over a page, its names run into the row's text
    rows = [HEADER, cells("1", "道路养护", "公共服务", "《公路法》", "市交通局"),
            cells("编号", "项目名称", "类别", "依据", "责任单位（续）负责全市道路的日常养护和检查")]
    assert "负责全市道路的日常养护和检查" in "".join("".join(cell) for row in repair(rows).rows for cell in row)
