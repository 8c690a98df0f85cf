"""The content writer's claims: the first source to write a folder has it."""
from gazette.documents import Document
from gazette.pipeline import Conversion
from gazette.writer import ContentWriter, encoded_files


def conversion(source: str, documents: int) -> Conversion:
    made = Conversion(source, folder="city/2024/1", issue_text=f"source: {source}\n")
    made.documents = [Document({}, "", f"doc-{n}", [], text=f"---\nsource: {source}\n---\n")
                      for n in range(documents)]
    return made


def test_a_second_source_for_a_folder_is_refused_and_one_with_no_document_claims_nothing(tmp_path):
    writer = ContentWriter(tmp_path, {"a.txt", "b.txt", "c.txt"}, whole=True)
    for made in (conversion("a.txt", 2), conversion("b.txt", 0), conversion("c.txt", 1)):
        writer.write(made, encoded_files(made))
    problems, removed = writer.finish()
    assert [(p.path, p.code) for p in problems] == [("c.txt", "path-conflict")]
    assert sorted(p.name for p in (tmp_path / "city/2024/1").iterdir()) == ["doc-0.md", "doc-1.md", "issue.yaml"]
    assert removed == {}
