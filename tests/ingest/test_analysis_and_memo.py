"""Seed 003 (an ITA analysis report) in detail, and the memo in front of seed 000."""

import pytest

from prongsai.ingest import read_document, to_json
from prongsai.ingest.analysis_parts import classify_verdict
from prongsai.ingest.memo import read_memo


@pytest.fixture(scope="module")
def analysis(request):
    from tests.ingest.conftest import seed_path

    path = seed_path("003")
    return to_json(read_document(path.read_bytes(), path.name))


def test_overall_score_rating_and_indicators(analysis):
    assert analysis["overall_score"] == 80.42
    assert analysis["rating"] == "ต้องปรับปรุง"
    assert analysis["indicator_scores"] == {
        "1": 94.14,
        "2": 88.05,
        "3": 90.39,
        "4": 81.44,
        "5": 84.16,
        "6": 78.36,
        "7": 75.25,
        "8": 74.2,
        "9": 93,
        "10": 63.75,
    }


def test_every_question_score_once(analysis):
    scores = analysis["question_scores"]
    assert len(scores) == 69
    assert scores["i1"] == 87.19 and scores["e15"] == 73.95 and scores["o35"] == 100
    assert scores["o1"] == 0 and scores["o25"] == 0
    assert scores["o26"] == 100  # its row is shifted two cells to the left in the seed
    assert "e14" not in scores
    # indicator 1 is the mean of i1–i6, as the seed computes it
    mean = sum(scores[f"i{n}"] for n in range(1, 7)) / 6
    assert round(mean, 2) == analysis["indicator_scores"]["1"]


def test_issues_with_their_questions_and_verdicts(analysis):
    issues = analysis["analysis"]["issues"]
    assert [i["number"] for i in issues] == [1, 2, 3, 4, 5, 6, 7]
    assert issues[2]["title"] == "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ"
    by_code = {q["code"]: q for q in issues[2]["questions"]}
    assert list(by_code) == ["e6", "e7", "e8", "e9", "e10", "o1", "o2", "o3", "o5", "o10"]
    assert by_code["e6"]["verdict"] == "improve" and by_code["e6"]["tool"] == "EIT"
    assert by_code["o1"]["verdict"] == "fix" and by_code["o1"]["score"] == 0
    assert by_code["o1"]["verdict_text"].startswith("แก้ไข/ปรับปรุงคะแนนให้ดีขึ้น")
    keep = {q["code"] for q in issues[0]["questions"] if q["verdict"] == "keep"}
    assert keep == {"o11", "o12"}
    assert [len(i["questions"]) for i in issues] == [14, 13, 10, 8, 10, 11, 14]


def test_narrative_per_issue_with_its_wrapped_lines_joined(analysis):
    issues = analysis["analysis"]["issues"]
    second = issues[1]["narrative"]
    assert "พิจารณาจากข้อคำถามที่ i1" in second  # "…พิจารณาจากข้อ" / "คำถามที่ i1…" in the seed
    assert "มากน้อยเพียงใด" in second
    assert second.count("\n") == 1  # two paragraphs
    seventh = issues[6]["narrative"].split("\n")
    assert seventh[-1].startswith("2.ต้องดำเนินการแก้ไขปัญหาการทุจริต")
    assert all(issue["narrative"] for issue in issues)


def test_plan_of_part_two(analysis):
    part = analysis["analysis"]
    assert part["plan_fiscal_year"] == 2567
    plan = part["plan"]
    assert len(plan) == 9  # topic 1 has three methods, each with its own steps
    first, second, third = plan[:3]
    assert first["topic"] == second["topic"] == third["topic"]
    assert first["steps"][0].startswith("จัดทำคู่มือ/แนวทางการปฏิบัติงาน")  # lead-in dropped
    assert len(first["steps"]) == 3 and len(second["steps"]) == 2 and len(third["steps"]) == 2
    assert second["methods"] == [
        "จัดประชุมประจำเดือน เพื่อสร้างกระบวนการปรึกษาหารือระหว่างผู้บริหาร ปลัดเทศบาล "
        "และผู้อำนวยการกอง เพื่อร่วมกันทบทวนปัญหาและอุปสรรคในการปฏิบัติงานอย่างเป็นระบบ"
    ]
    topic3 = next(row for row in plan if row["topic"].startswith("ช่องทาง"))
    assert topic3["steps"][-1] == "ติดตามความก้าวหน้า การดำเนินงาน และรายงานผลอย่างสม่ำเสมอ"
    assert "เพิ่มพูนทักษะ" in topic3["methods"][0]  # the row cut by the page, hyphen joined
    last = plan[-1]
    assert len(last["methods"]) == 4 and len(last["steps"]) == 4
    assert all(row["period_start"] == "2023-10-01" for row in plan)
    assert all(row["period_end"] == "2024-09-30" for row in plan)


def test_constraints_of_part_three(analysis):
    assert analysis["analysis"]["constraints"] == {
        "staff": "ผู้บริหาร ข้าราชการ มีจำนวนบุคลากรที่เพียงพอ มีความรู้ มีทัศนคติ และมีความรับผิดชอบ",
        "budget": "งบประมาณมีเพียงพอ",
        "technology": "ทต.พนมทวน ให้ความสำคัญและเน้นการนำเทคโนโลยีมาใช้ในการปฏิบัติงาน",
        "area": "พื้นที่ส่วนใหญ่เป็นพื้นที่เกษตรกร",
        "economy_culture": "เศรษฐกิจส่วนใหญ่ทำการเกษตร ทำนา และค้าขาย",
    }


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("แก้ไข/ปรับปรุงคะแนนให้ดีขึ้นโดยให้หน่วยงานจัดทำแผนผัง", "fix"),
        ("ปรับปรุงคะแนนให้ดีขึ้นควรให้เจ้าหน้าที่", "improve"),
        ("ควรรักษาระดับและอัปเดตข้อมูลสม่ำเสมอ", "keep"),
        ("ข้อบกพร่องที่ต้องแก้ไขโดยเร่งด่วน", "fix"),
        ("", None),
        ("ไม่มีความเห็น", None),
    ],
)
def test_verdicts(text, verdict):
    assert classify_verdict(text) == verdict


def test_memo_in_front_of_seed_000(seed_bytes):
    memo = to_json(read_document(seed_bytes("000"), "000.txt"))["memo"]
    assert memo["department"] == "องค์การบริหารส่วนตำบลท่ากระเสริม สำนักปลัด"
    assert memo["reference"] == "ขก ๘๐๕๐๑/๓๒๔"
    assert memo["date"] == "2022-04-26"
    assert memo["date_text"] == "๒๖ เมษายน ๒๕๖๕"
    assert memo["subject"] == (
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
        "ประจำปี ๒๕๖๕ (ตุลาคม ๒๕๖๔ - มีนาคม ๒๕๖๕)"
    )
    assert memo["to"] == "นายองค์การบริหารส่วนตำบลท่ากระเสริม"
    assert memo["background"].startswith("ตามที่ องค์การบริหารส่วนตำบลท่ากระเสริม")
    assert memo["facts"].startswith("บัดนี้")
    assert memo["considerations"].endswith("ขององค์การบริหารส่วนตำบลท่ากระเสริม ต่อไป")
    chain = [(s["name"], s["position"]) for s in memo["signatures"]]
    assert chain == [
        ("นางแก่นวิไล ศรีมาย", "นักวิเคราะห์นโยบายและแผน ปฏิบัติการ"),
        ("นางสาวฉวี มาอ้อย", "หัวหน้าสำนักปลัด"),
        ("นางวิไลภรณ์ โถทอง", "รองปลัดองค์การบริหารส่วนตำบลท่ากระเสริม"),
        ("นายชวลิต มุลทา", "ปลัดองค์การบริหารส่วนตำบลท่ากระเสริม"),
        ("นายประสิทธิ์ คลังกลาง", "นายกองค์การบริหารส่วนตำบลท่ากระเสริม"),
    ]
    assert memo["signatures"][1]["comment"] == "เมื่อไม่ตรวจจบผลการดำเนินงานตามภาคต่างๆ"
    assert memo["signatures"][2]["comment"] is None


def test_no_memo_where_there_is_none(seed_bytes):
    for seed in ("001", "002", "003", "004"):
        assert to_json(read_document(seed_bytes(seed), f"{seed}.txt"))["memo"] is None
    assert read_memo("เรื่อง ทดสอบ\nเรียน นายก") is None


def test_memo_with_number_and_date_on_one_line():
    memo = read_memo(
        "บันทึกข้อความ\nส่วนราชการ สำนักปลัด\nที่ ขก 1234/56 วันที่ 1 ตุลาคม 2566\n"
        "เรื่อง ขอรายงานผล\nเรียน ปลัด\n1. เรื่องเดิม\nตามที่…\n2. ข้อพิจารณา จึงเรียนมา\n"
    )
    assert memo is not None
    assert memo.reference == "ขก 1234/56"
    assert memo.date.isoformat() == "2023-10-01"
    assert memo.sections == {"background": "ตามที่…", "considerations": "จึงเรียนมา"}


def test_memo_date_that_cannot_be_read_is_a_warning():
    warnings: list[str] = []
    memo = read_memo("บันทึกข้อความ\nวันที่ ๓๑ กุมภาพันธ์ ๒๕๖๕\nเรื่อง ก\nเรียน ข\n", warnings)
    assert memo.date is None
    assert memo.date_text == "๓๑ กุมภาพันธ์ ๒๕๖๕"
    assert len(warnings) == 1 and "วันที่" in warnings[0]
