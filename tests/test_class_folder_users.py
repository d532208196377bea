"""The class folder on a real multi-user server: real Unix users, real files.

Two students and a teacher are made with ``useradd``; the teacher sets the
folder up as the instructor guide says (``python -m lessons class setup``);
each student's live quiz writes as that student. What the set-up promises
(lessons.classfolder): the teacher reads both files; neither student can
list the folder or read, replace or take over the other's file, nor switch
on the class-wide reveal; the teacher can, and can archive the class.

Making users needs root. CI runs the tests as root; elsewhere this test
fails (it is not skipped), saying how to run it; ``make test`` runs it
(marker ``users``) through ``sudo -n`` when not root.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import site
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from pathlib import Path

import pytest
import quiz_sample

from lessons import livestore

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.users
LESSON = quiz_sample.LESSON
#: The course's packages, for an interpreter outside the venv (below).
PYTHONPATH = os.pathsep.join([str(ROOT / "src"), *site.getsitepackages()])


def interpreter(user: str, base: Path) -> tuple[list[str], str]:
    """The course's Python as ``user`` can run it, and the PYTHONPATH to give it:
    the venv's; or, when the venv's base interpreter sits where other users
    cannot go (a pyenv under /root), the system's Python of the same version
    with the venv's packages; or, when the checkout itself is out of their
    reach (a clone under /root), that Python with a copy of the packages
    under ``base``, which they can read."""
    same = f"/usr/bin/python{sysconfig.get_python_version()}"
    staged = base / "course-python"
    for path_in in (PYTHONPATH, None):
        if path_in is None:
            shutil.copytree(ROOT / "src", staged / "src", symlinks=True)
            for number, packages in enumerate(site.getsitepackages()):
                shutil.copytree(packages, staged / f"site-{number}", symlinks=True)
            path_in = os.pathsep.join(str(p) for p in sorted(staged.iterdir()))
            subprocess.run(["chmod", "-R", "a+rX", str(staged)], check=True)
        for python in (sys.executable, same):
            probe = subprocess.run(["runuser", "-u", user, "--", python, "-c", "import ipywidgets, lessons"],
                                   env={"PYTHONPATH": path_in, "HOME": "/tmp", "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
                                   capture_output=True, timeout=120)
            if probe.returncode == 0:
                return [python], path_in
    pytest.fail(f"no Python that user {user} can run with the course's packages: make {sys.executable} (and the venv) "
                f"readable and executable by other users, or install python{sysconfig.get_python_version()}")


def require_root() -> None:
    if os.geteuid() != 0 or not shutil.which("useradd") or not shutil.which("runuser"):
        pytest.fail(
            "this test makes real Unix users (useradd, runuser) and must run as root, as CI does: "
            "sudo .venv/bin/python -m pytest tests/test_class_folder_users.py"
        )


@pytest.fixture
def server():
    """Three users (two students, a teacher), each with a home under one
    readable temporary folder holding the quiz bank; all removed afterwards."""
    require_root()
    tag = secrets.token_hex(3)
    base = Path(tempfile.mkdtemp(prefix="lessons-users-", dir="/tmp"))
    os.chmod(base, 0o755)
    users = {role: f"ls{role}{tag}" for role in ("stu1", "stu2", "teach")}
    made = []
    try:
        for role, name in users.items():
            subprocess.run(["useradd", "--no-create-home", "--user-group", "--shell", "/bin/sh", name], check=True)
            made.append(name)
            home = base / role
            home.mkdir(mode=0o700)
            shutil.chown(home, user=name, group=name)
        quiz_sample.write_bank(base)
        python, pythonpath = interpreter(users["stu1"], base)
        yield base, {**users, "python": python, "pythonpath": pythonpath}
    finally:
        for name in made:
            subprocess.run(["userdel", name], check=False)
        shutil.rmtree(base, ignore_errors=True)


def as_user(base: Path, users: dict, role: str, code: str, check: bool = True) -> str:
    """Run ``code`` with the course's Python as ``role``'s Unix user, in their home."""
    home = base / role
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "MPLCONFIGDIR": str(home / ".mpl"),
           "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8", "PYTHONPATH": users["pythonpath"]}
    result = subprocess.run(
        ["runuser", "-u", users[role], "--", *users["python"], "-c", textwrap.dedent(code)],
        cwd=home, env=env, capture_output=True, text=True, timeout=120,
    )
    if check:
        assert result.returncode == 0, f"{role}: {result.stderr}"
    return result.stdout + result.stderr


STUDENT_QUIZ = """
import lessons
from lessons.bilingual import LanguageState
q = lessons.quiz({bank!r}, class_folder={folder!r}, language=LanguageState(mode="en"))
q.student.value = {name!r}
v = [v for v in q.questions if v.question.id == "no-alliance"][0]
v.controls[0].value = False
v.check()
print(q.class_note.value)
"""


def test_a_drop_box_class_folder_keeps_students_apart_and_lets_the_teacher_read(server):
    base, users = server
    folder = base / "teach" / "class"
    done = as_user(base, users, "teach", f"from lessons.__main__ import main; raise SystemExit(main(['class', 'setup', {str(folder)!r}]))")
    assert "drop box" in done and oct(folder.stat().st_mode & 0o7777) == "0o3733"
    os.chmod(base / "teach", 0o711)  # students reach the folder, never list the teacher's home
    bank = str(base / f"{LESSON}.yml")

    for role, name in (("stu1", "Ana"), ("stu2", "Ben")):
        said = as_user(base, users, role, STUDENT_QUIZ.format(bank=bank, folder=str(folder), name=name))
        assert "Saved to the class folder at" in said, said
    ana, ben = (livestore.class_file(folder, name, LESSON) for name in ("Ana", "Ben"))
    assert oct(ana.stat().st_mode & 0o777) == "0o640" and ana.stat().st_gid == folder.stat().st_gid, "the teacher's group reads it"

    # The teacher's class view lists the folder and reads both files.
    read = as_user(base, users, "teach", f"""
        from lessons import classview
        from lessons.quizbank import load_bank
        reader = classview.FolderReader({str(folder)!r}, {LESSON!r})
        reader.refresh()
        summary = classview.summarize(load_bank({bank!r}), reader.documents())
        print(summary.students, summary.skipped)
    """)
    assert read.strip() == "('Ana', 'Ben') ()"

    # A student can neither list the folder, nor read, replace or remove the other's file.
    probes = as_user(base, users, "stu1", f"""
        import os
        def attempt(what, action):
            try:
                action()
                print(what, "ALLOWED")
            except PermissionError:
                print(what, "refused")
        attempt("list", lambda: os.listdir({str(folder)!r}))
        attempt("read", lambda: open({str(ben)!r}, encoding="utf-8").read())
        attempt("write", lambda: open({str(ben)!r}, "w").write("{{}}"))
        attempt("remove", lambda: os.unlink({str(ben)!r}))
        open({str(folder / '.mine.tmp')!r}, "w").write("{{}}")
        attempt("replace", lambda: os.replace({str(folder / '.mine.tmp')!r}, {str(ben)!r}))
        os.unlink({str(folder / '.mine.tmp')!r})
    """)
    assert probes.split("\n")[:5] == ["list refused", "read refused", "write refused", "remove refused", "replace refused"], probes
    before = ben.read_bytes()
    said = as_user(base, users, "stu1", STUDENT_QUIZ.format(bank=bank, folder=str(folder), name="Ben"))
    assert "already uses the name “Ben”" in said and ben.read_bytes() == before, "a taken name is said; the file is untouched"

    # Only the teacher switches on the class-wide reveal; a student's forged switch counts for nothing.
    forged = as_user(base, users, "stu1", f"""
        from lessons import classfolder
        try:
            classfolder.set_reveal({str(folder)!r}, {LESSON!r}, True)
        except classfolder.NotTheTeacher as error:
            print("refused:", error)
        open(classfolder.reveal_path({str(folder)!r}, {LESSON!r}), "w").write("{{}}")  # by hand
    """)
    assert "refused: " in forged and "only the class folder's owner" in forged
    look = f"from lessons import classfolder; print(classfolder.reveal_on({str(folder)!r}, {LESSON!r}))"
    assert as_user(base, users, "stu2", look).strip() == "False", "a student's file is no reveal"
    as_user(base, users, "teach", f"from lessons.__main__ import main; raise SystemExit(main(['class', 'reveal', {str(folder)!r}, '--lesson', {LESSON!r}]))")
    assert as_user(base, users, "stu2", look).strip() == "True"
    shown = as_user(base, users, "stu2", STUDENT_QUIZ.format(bank=bank, folder=str(folder), name="Ben") + "print(q.howto.value, q.questions[0].answer_shown)")
    assert "Your teacher has revealed this lesson" in shown and shown.strip().endswith("True")

    # The teacher archives the class: every file moved, none lost, students cannot look in.
    archived = as_user(base, users, "teach", f"from lessons.__main__ import main; raise SystemExit(main(['class', 'archive', {str(folder)!r}]))")
    assert "moved 3 file(s)" in archived, archived
    [old] = [p for p in folder.iterdir() if p.is_dir()]
    assert sorted(p.name for p in old.iterdir()) == sorted([ana.name, ben.name, f"_reveal.{LESSON}.txt"])
    assert json.loads((old / ana.name).read_text(encoding="utf-8"))["student"] == "Ana"
    assert not [p for p in folder.iterdir() if p.is_file()], "the folder is ready for the next lesson"
    assert "refused" in as_user(base, users, "stu1", f"""
        import os
        try:
            os.listdir({str(old)!r})
        except PermissionError:
            print("refused")
    """)
