using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Storage.Sqlite;

namespace ThuisMonitoring.Storage.Audit;

/// <summary>
/// The chain rule, in one place: a record's hash is SHA-256 over the previous record's hash followed by the record
/// in canonical form. The canonical form numbers every field with its length (<c>len:value;</c>, <c>~;</c> for
/// null), so no two different records share one form, and covers the id, so records cannot be reordered or removed
/// from the middle without the chain breaking.
/// </summary>
internal static class AuditChain
{
    /// <summary>The "previous hash" of record 1.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Hash(string previousHash, long id, AuditEvent auditEvent)
    {
        var canonical = Canonical(id, auditEvent);
        var bytes = Encoding.UTF8.GetBytes(previousHash + canonical);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    internal static string Canonical(long id, AuditEvent e)
    {
        var form = new StringBuilder("audit-v1;");
        Field(form, id.ToString(CultureInfo.InvariantCulture));
        Field(form, SqliteValues.Ticks(e.At).ToString(CultureInfo.InvariantCulture));
        Field(form, SqliteValues.OffsetMinutes(e.At).ToString(CultureInfo.InvariantCulture));
        Field(form, e.Actor);
        Field(form, e.Role);
        Field(form, e.Organisation);
        Field(form, e.PatientId);
        Field(form, e.Resource);
        Field(form, e.Action);
        Field(form, e.Channel);
        Field(form, e.Purpose);
        return form.ToString();
    }

    private static void Field(StringBuilder form, string? value)
    {
        if (value is null)
        {
            form.Append("~;");
            return;
        }

        form.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(';');
    }
}
