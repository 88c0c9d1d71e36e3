"""Hostile inputs and bad arguments raise clean Python exceptions naming
the input and what is wrong; nothing crashes the interpreter or hangs."""

import os
import subprocess
import sys

import pytest

import claimscan


def test_the_exceptions_are_a_family():
    for cls in (claimscan.InputError, claimscan.LexiconError, claimscan.ConfigError):
        assert issubclass(cls, claimscan.ClaimscanError)
    assert issubclass(claimscan.ClaimscanError, Exception)
    assert claimscan.InputError.__module__ == "claimscan"


def test_bad_utf8_bytes_raise_with_the_byte_offset():
    with pytest.raises(claimscan.InputError) as e:
        claimscan.check_text("Fine. Ça va.".encode("utf-8") + b" \xc3\x28 more", path="doc-7")
    assert e.value.path == "doc-7"
    assert e.value.offset == 14
    assert "byte offset 14" in e.value.reason
    assert str(e.value).startswith("doc-7: not UTF-8")


def test_bytes_that_are_utf8_read_as_the_str_would():
    text = "It cures all pain. Ça va."
    assert claimscan.check_text(text.encode("utf-8")) == claimscan.check_text(text)
    assert claimscan.check_text(bytearray(text.encode("utf-8"))) == claimscan.check_text(text)
    assert claimscan.check_text(memoryview(text.encode("utf-8"))) == claimscan.check_text(text)


def test_a_lone_surrogate_raises_input_error():
    with pytest.raises(claimscan.InputError) as e:
        claimscan.check_text("It cures \ud800 pain.")
    assert e.value.path == "<text>"
    assert "surrogates not allowed" in e.value.reason


def test_a_nul_byte_is_binary_with_its_offset():
    with pytest.raises(claimscan.InputError) as e:
        claimscan.check_text("abc\x00def")
    assert e.value.offset == 3
    assert "binary" in e.value.reason


def test_bad_files_raise_or_are_recorded(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("It cures all pain.\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9 cures all.\n".encode("latin-1"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes("It may help.".encode("utf-16"))
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x7fELF\x00\x00")
    with pytest.raises(claimscan.InputError) as e:
        claimscan.check_files([good, latin1])
    assert e.value.path == str(latin1)
    assert e.value.offset == 3
    assert "0xe9" in e.value.reason
    with pytest.raises(claimscan.InputError, match="UTF-16"):
        claimscan.check_files(utf16)
    with pytest.raises(claimscan.InputError, match="NUL byte at byte offset 4"):
        claimscan.check_files(binary)
    results = claimscan.check_files([latin1, good, utf16, binary], errors="record", jobs=2)
    assert [r["path"] for r in results] == [str(p) for p in (latin1, good, utf16, binary)]
    assert "error" not in results[1] and results[1]["summary"]["absolute"] == 1
    assert results[0]["error"].startswith(f"{latin1}: not UTF-8")
    assert "UTF-16" in results[2]["error"]
    assert "binary" in results[3]["error"]
    # Error records give an article row with the error, and no unit rows.
    rows = claimscan.records(results, "articles")
    assert [r["error"] is None for r in rows] == [False, True, False, False]
    assert rows[0]["units"] is None
    assert {r["path"] for r in claimscan.records(results)} == {str(good)}


def test_missing_paths_and_fifos(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(claimscan.InputError) as e:
        claimscan.check_files(missing)
    assert e.value.path == str(missing)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text("It may help.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    # A FIFO is reported from its file type, never opened: no hang.
    results = claimscan.check_files([folder, missing], errors="record")
    assert [("error" in r) for r in results] == [True, True, False]
    assert "not a regular file (a FIFO)" in results[0]["error"]
    with pytest.raises(claimscan.InputError, match="FIFO"):
        claimscan.check_files(folder)


def test_bad_arguments_are_type_and_value_errors():
    with pytest.raises(TypeError, match="str or bytes"):
        claimscan.check_text(5)
    with pytest.raises(TypeError, match="check_text"):
        claimscan.check_texts("one text")
    with pytest.raises(TypeError):
        claimscan.check_files(5)
    with pytest.raises(ValueError, match="markdown"):
        claimscan.check_text("x", format="pdf")
    with pytest.raises(ValueError, match="jobs=0"):
        claimscan.check_texts(["x"], jobs=0)
    with pytest.raises(ValueError, match="errors="):
        claimscan.check_texts(["x"], errors="ignore")
    with pytest.raises(ValueError, match="one name per text"):
        claimscan.check_texts(["x", "y"], names=["a"])
    with pytest.raises(ValueError, match="names"):
        claimscan.check_texts(["x"], names=["a", "b"])
    with pytest.raises(TypeError, match="<text 1>"):
        claimscan.check_texts(["x", None])
    with pytest.raises(ValueError, match="level"):
        claimscan.records([], "sentences")


def test_a_bad_text_in_a_batch_is_raised_or_recorded():
    texts = ["It cures all pain.", b"bad \xff", "It may help."]
    with pytest.raises(claimscan.InputError) as e:
        claimscan.check_texts(texts, names=["a", "b", "c"])
    assert (e.value.path, e.value.offset) == ("b", 4)
    results = claimscan.check_texts(texts, names=["a", "b", "c"], errors="record")
    assert results[1] == {"path": "b", "error": "b: not UTF-8 text (invalid byte 0xff at byte offset 4); convert it to UTF-8 first"}
    assert results[0]["summary"]["absolute"] == 1 and results[2]["summary"]["hedged"] == 1


def write_entry(folder, body):
    folder.mkdir(exist_ok=True)
    path = folder / "house.toml"
    path.write_text(body, encoding="utf-8")
    return path


ENTRY = """id = "H190"
name = "mayhap"
label = "hedged"
summary = "House hedge."
literals = ["mayhap"]
doc = \"\"\"
## What it flags
A house hedge.
\"\"\"
flags = ["It mayhap helps."]
allows = ["It helps."]
"""


def test_house_lexicons_add_rules(tmp_path):
    write_entry(tmp_path / "house", ENTRY)
    scanner = claimscan.Scanner(lexicons=[tmp_path / "house"])
    assert "lexicons=" in repr(scanner)
    r = scanner.check_text("It mayhap helps.")
    assert r["sentences"][0]["labels"] == ["hedged"]
    assert r["sentences"][0]["findings"][0]["rule"] == "H190"
    assert claimscan.check_text("It mayhap helps.")["sentences"][0]["labels"] == []
    assert any(rule["id"] == "H190" for rule in scanner.rules())


def test_a_bad_lexicon_line_raises_with_file_line_and_column(tmp_path):
    bad = write_entry(tmp_path / "bad", ENTRY.replace('literals = ["mayhap"]', "patterns = ['\\bmay (hap']"))
    with pytest.raises(claimscan.LexiconError) as e:
        claimscan.Scanner(lexicons=[tmp_path / "bad"])
    assert e.value.path == str(bad)
    assert (e.value.line, e.value.column) == (5, 13)
    assert str(e.value) == f"{bad}:5:13: {e.value.reason}"
    assert "unclosed group" in e.value.reason
    broken = write_entry(tmp_path / "syntax", 'id = "H191\nname = 1\n')
    with pytest.raises(claimscan.LexiconError) as e:
        claimscan.Scanner(lexicons=[tmp_path / "syntax"])
    assert e.value.path == str(broken) and e.value.line == 1
    with pytest.raises(claimscan.LexiconError, match="nope"):
        claimscan.Scanner(lexicons=[tmp_path / "nope"])


def test_config_files_apply_and_bad_ones_raise_with_line_and_column(tmp_path):
    config = tmp_path / "claimscan.toml"
    config.write_text('ignore = ["vague"]\n', encoding="utf-8")
    scanner = claimscan.Scanner(config=config)
    labels = [s["labels"] for s in scanner.check_text("Research shows it cures all pain.")["sentences"]]
    assert labels == [["absolute"]]
    assert [s["labels"] for s in claimscan.Scanner(select=["hedged"]).check_text("It may cure all pain.")["sentences"]] == [["hedged"]]
    config.write_text('ignore = ["vague"]\nseverity = { absolute = "loud" }\n', encoding="utf-8")
    with pytest.raises(claimscan.ConfigError) as e:
        claimscan.Scanner(config=config)
    assert e.value.path == str(config) and e.value.line == 2
    assert str(e.value).startswith(f"{config}:2:")
    config.write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(claimscan.ConfigError) as e:
        claimscan.Scanner(config=config)
    assert (e.value.line, e.value.column) == (1, 1)
    with pytest.raises(claimscan.ConfigError, match="cannot read the config file"):
        claimscan.Scanner(config=tmp_path / "missing.toml")
    with pytest.raises(claimscan.ConfigError, match="select="):
        claimscan.Scanner(select=["no-such-rule"])


def test_long_and_deep_inputs_finish():
    # 2 MB in one unit (no full stop), every kind of claim thousands of times.
    line = "Research shows it cures all pain, it may help, a 2019 Cochrane review found it works, " * 23_000
    r = claimscan.check_text(line)
    assert r["summary"]["units"] == 1
    assert len(r["sentences"][0]["findings"]) > 20_000
    many = claimscan.check_text("Research shows it cures all pain. It may help. " * 2_500)
    assert many["summary"]["units"] == 5_000
    quotes = claimscan.check_text('"' * 1_000_000)
    assert quotes["summary"]["units"] >= 1
    deep = "<div>" * 100_000 + "It cures all pain." + "</div>" * 100_000
    r = claimscan.check_text(deep, "html")
    assert any("absolute" in s["labels"] for s in r["sentences"])
    md = "> " * 50_000 + "It cures all pain.\n"
    assert claimscan.check_text(md, "markdown")["summary"]["absolute"] == 1


def test_errors_do_not_take_the_interpreter_down(tmp_path):
    # In a child interpreter, so a crash would show as a signal exit.
    code = (
        "import claimscan\n"
        "for t in [b'\\xff', 'a\\ud800', 'x\\x00y']:\n"
        "    try:\n"
        "        claimscan.check_text(t)\n"
        "    except claimscan.InputError:\n"
        "        pass\n"
        "print('alive')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "alive\n"
