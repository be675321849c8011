namespace ThuisMonitoring.Fhir.Resources;

/// <summary>The Dutch citizen service number (BSN): nine digits that pass the eleven test (elfproef).</summary>
public static class Bsn
{
    public static bool IsValid(string? value)
    {
        if (value is not { Length: 9 } || !value.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (value[i] - '0') * (9 - i);
        }

        sum -= value[8] - '0';
        return sum % 11 == 0 && value != "000000000";
    }
}
