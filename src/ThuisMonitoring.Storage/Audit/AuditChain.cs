using System.Buffers;
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
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(auditEvent);

        // The bytes of previousHash + Canonical(id, auditEvent) written straight into one buffer (a list answer hashes
        // 10,000 records in a row; the strings were most of the cost). The same bytes: every field boundary is ASCII.
        var bound = MaxBytes(previousHash) + MaxBytes(auditEvent);
        var rented = bound <= StackBytes ? null : ArrayPool<byte>.Shared.Rent(bound);
        try
        {
            Span<byte> buffer = rented is null ? stackalloc byte[StackBytes] : rented;
            var written = Encoding.UTF8.GetBytes(previousHash, buffer);
            written += Canonical(id, auditEvent, buffer[written..]);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..written], hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
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

    private const int StackBytes = 1024;

    private static int MaxBytes(string? value) => value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length);

    // "audit-v1;", three numbers of at most 20 characters and eight strings, each with its length prefix and ';'.
    private static int MaxBytes(AuditEvent e) => 9 + (3 * 44) + (8 * 13)
        + MaxBytes(e.Actor) + MaxBytes(e.Role) + MaxBytes(e.Organisation) + MaxBytes(e.PatientId)
        + MaxBytes(e.Resource) + MaxBytes(e.Action) + MaxBytes(e.Channel) + MaxBytes(e.Purpose);

    /// <summary><see cref="Canonical(long, AuditEvent)"/> as UTF-8 into <paramref name="destination"/>; the bytes written.</summary>
    private static int Canonical(long id, AuditEvent e, Span<byte> destination)
    {
        "audit-v1;"u8.CopyTo(destination);
        var written = 9;
        written += Field(destination[written..], id);
        written += Field(destination[written..], SqliteValues.Ticks(e.At));
        written += Field(destination[written..], SqliteValues.OffsetMinutes(e.At));
        written += Field(destination[written..], e.Actor);
        written += Field(destination[written..], e.Role);
        written += Field(destination[written..], e.Organisation);
        written += Field(destination[written..], e.PatientId);
        written += Field(destination[written..], e.Resource);
        written += Field(destination[written..], e.Action);
        written += Field(destination[written..], e.Channel);
        written += Field(destination[written..], e.Purpose);
        return written;
    }

    private static int Field(Span<byte> destination, long number)
    {
        Span<byte> digits = stackalloc byte[20];
        number.TryFormat(digits, out var length, provider: CultureInfo.InvariantCulture);
        return Field(destination, digits[..length], length);
    }

    private static int Field(Span<byte> destination, string? value)
    {
        if (value is null)
        {
            "~;"u8.CopyTo(destination);
            return 2;
        }

        // The length prefix counts UTF-16 characters, as the string form does; the value follows as UTF-8.
        value.Length.TryFormat(destination, out var written, provider: CultureInfo.InvariantCulture);
        destination[written++] = (byte)':';
        written += Encoding.UTF8.GetBytes(value, destination[written..]);
        destination[written++] = (byte)';';
        return written;
    }

    private static int Field(Span<byte> destination, ReadOnlySpan<byte> value, int length)
    {
        length.TryFormat(destination, out var written, provider: CultureInfo.InvariantCulture);
        destination[written++] = (byte)':';
        value.CopyTo(destination[written..]);
        written += value.Length;
        destination[written++] = (byte)';';
        return written;
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
