from django.db import migrations

# A TRUNCATE fires no row trigger: without this one the portal's own database user could empty
# the audit table in one statement, archive or not. Refused like a DELETE of an entry that is not
# archived and 184 days old; an archived, old table may still be emptied.
PROTECT = """
CREATE OR REPLACE FUNCTION supervision_audit_protect_truncate() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM supervision_auditentry
        WHERE chain_seq IS NULL
            OR chain_seq > COALESCE(
                (SELECT archived_through FROM supervision_auditchainhead WHERE id = 1), 0)
            OR at > now() - interval '184 days'
    ) THEN
        RAISE EXCEPTION 'the audit trail cannot be truncated: it holds entries not yet archived'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS supervision_audit_protect_truncate ON supervision_auditentry;
CREATE TRIGGER supervision_audit_protect_truncate BEFORE TRUNCATE ON supervision_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION supervision_audit_protect_truncate();
"""

UNPROTECT = """
DROP TRIGGER IF EXISTS supervision_audit_protect_truncate ON supervision_auditentry;
DROP FUNCTION IF EXISTS supervision_audit_protect_truncate();
"""


def protect(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PROTECT, params=None)


def unprotect(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNPROTECT, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0025_scale_notice_object_id"),
    ]

    operations = [migrations.RunPython(protect, unprotect)]
