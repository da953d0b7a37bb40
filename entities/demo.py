"""Demo enforcement entities and an entrustment of the demo departments (see supervision/demo.py)."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from supervision.models import Department

from .models import EnforcementEntity, Entrustment

# department code, entity name, kind, legal basis, enforcement areas
ENTITIES = [
    (
        "ZJJ",
        "宿州市住房和城乡建设局",
        EnforcementEntity.Kind.STATUTORY,
        "《中华人民共和国建筑法》第七条、第六十四条；《建设工程质量管理条例》第四十三条",
        "建筑市场、工程质量安全、房地产开发、物业管理",
    ),
    (
        "ZJJ",
        "宿州市建设工程质量安全监督站",
        EnforcementEntity.Kind.AUTHORISED,
        "《建设工程质量管理条例》第四十六条；《建设工程安全生产管理条例》第四十条",
        "房屋建筑和市政基础设施工程质量安全监督",
    ),
    (
        "JTJ",
        "宿州市交通运输局",
        EnforcementEntity.Kind.STATUTORY,
        "《中华人民共和国公路法》第八条；《中华人民共和国道路运输条例》第七条",
        "公路路政、道路运输、水路运输",
    ),
    (
        "JTJ",
        "宿州市交通运输综合行政执法支队",
        EnforcementEntity.Kind.AUTHORISED,
        "《安徽省交通运输综合行政执法改革实施方案》；《中华人民共和国道路运输条例》第六十一条",
        "道路运输、公路路政、港航执法",
    ),
]

# A small PDF standing in for the scanned establishment document (三定方案).
DEMO_DOCUMENT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed(log) -> None:
    """Published entities of 住建局 and 交通运输局, and one entrustment in force (demo only)."""
    departments = {d.code: d for d in Department.objects.filter(code__in=["ZJJ", "JTJ"])}
    today = timezone.localdate()
    for code, name, kind, legal_basis, areas in ENTITIES:
        if code not in departments:
            continue
        entity, created = EnforcementEntity.objects.get_or_create(
            department=departments[code],
            name=name,
            defaults={
                "kind": kind,
                "legal_basis": legal_basis,
                "enforcement_areas": areas,
                "status": EnforcementEntity.Status.PUBLISHED,
                "published_on": today - datetime.timedelta(days=200),
            },
        )
        if created:
            entity.establishment_document.save("三定方案.pdf", ContentFile(DEMO_DOCUMENT))
            log(f"entity {name} (published)")
    principal = EnforcementEntity.objects.filter(name="宿州市住房和城乡建设局").first()
    if principal is None:
        return
    entrustment, created = Entrustment.objects.get_or_create(
        principal=principal,
        entrusted_organisation="宿州市房屋征收服务中心",
        defaults={
            "matters": "国有土地上房屋征收与补偿中违法建设的调查、责令改正",
            "legal_basis": "《国有土地上房屋征收与补偿条例》第五条；《中华人民共和国行政处罚法》第二十条",
            "starts_on": today - datetime.timedelta(days=700),
            "ends_on": today + datetime.timedelta(days=25),
            "status": Entrustment.Status.PUBLISHED,
            "filed_on": today - datetime.timedelta(days=690),
            "published_on": today - datetime.timedelta(days=680),
        },
    )
    if created:
        entrustment.agreement_file.save("委托执法协议.pdf", ContentFile(DEMO_DOCUMENT))
        log(f"entrustment {entrustment}")
