namespace ThuisMonitoring.Domain.Patients;

/// <summary>
/// The Dutch citizen service number (burgerservicenummer): nine digits that pass the 11-test
/// (9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11, and not 0). Eight digits get a leading zero, as printed on old documents.
/// </summary>
public static class Bsn
{
    /// <summary>The BSN as nine digits when <paramref name="value"/> (spaces and dots allowed) passes the 11-test; otherwise null.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var digits = new string(value.Where(c => c is not (' ' or '.')).ToArray());
        if (digits.Length == 8)
        {
            digits = "0" + digits;
        }

        if (digits.Length != 9 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (9 - i) * (digits[i] - '0');
        }

        sum -= digits[8] - '0';
        return sum != 0 && sum % 11 == 0 ? digits : null;
    }

    public static bool IsValid(string? value) => Normalise(value) is not null;
}
