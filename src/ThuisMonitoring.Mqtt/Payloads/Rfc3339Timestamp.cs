namespace ThuisMonitoring.Mqtt.Payloads;

/// <summary>
/// Strict RFC 3339 <c>date-time</c> reader: <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)</c>.
/// Unlike ISO 8601 readers in .NET it refuses a timestamp without offset instead of taking it as local
/// time, which on a server would silently shift a patient's measurement by hours.
/// </summary>
/// <remarks>
/// Accepted as RFC 3339 allows: lower-case <c>t</c>/<c>z</c>, a space instead of <c>T</c>, any number of
/// fraction digits (kept to 100 ns), <c>-00:00</c>. Refused: leap second 60 (DateTimeOffset cannot hold it),
/// offsets beyond ±14:00 (no such zone).
/// </remarks>
internal static class Rfc3339Timestamp
{
    public enum Outcome
    {
        Valid,
        MissingOffset,
        Invalid,
    }

    /// <summary>Longest text looked at; 9 fraction digits and an offset need 35 characters.</summary>
    public const int MaxLength = 40;

    public static Outcome TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 19 || text.Length > MaxLength
            || !TryDigits(text, 0, 4, out var year) || text[4] != '-'
            || !TryDigits(text, 5, 2, out var month) || text[7] != '-'
            || !TryDigits(text, 8, 2, out var day) || text[10] is not ((byte)'T' or (byte)'t' or (byte)' ')
            || !TryDigits(text, 11, 2, out var hour) || text[13] != ':'
            || !TryDigits(text, 14, 2, out var minute) || text[16] != ':'
            || !TryDigits(text, 17, 2, out var second))
        {
            return Outcome.Invalid;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return Outcome.Invalid;
        }

        var position = 19;
        long fractionTicks = 0;
        if (position < text.Length && text[position] == '.')
        {
            position++;
            var digits = 0;
            while (position < text.Length && IsDigit(text[position]))
            {
                if (digits < 7)
                {
                    fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                }

                digits++;
                position++;
            }

            if (digits == 0)
            {
                return Outcome.Invalid;
            }

            for (; digits < 7; digits++)
            {
                fractionTicks *= 10;
            }
        }

        if (position == text.Length)
        {
            return Outcome.MissingOffset;
        }

        TimeSpan offset;
        switch (text[position])
        {
            case (byte)'Z' or (byte)'z' when position + 1 == text.Length:
                offset = TimeSpan.Zero;
                break;
            case (byte)'+' or (byte)'-' when position + 6 == text.Length
                && TryDigits(text, position + 1, 2, out var offsetHours) && text[position + 3] == ':'
                && TryDigits(text, position + 4, 2, out var offsetMinutes):
                if (offsetMinutes > 59 || (offsetHours * 60) + offsetMinutes > 14 * 60)
                {
                    return Outcome.Invalid;
                }

                offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                if (text[position] == '-')
                {
                    offset = -offset;
                }

                break;
            default:
                return Outcome.Invalid;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return Outcome.Invalid;
        }

        value = new DateTimeOffset(local, offset);
        return Outcome.Valid;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        if (start + count > text.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
