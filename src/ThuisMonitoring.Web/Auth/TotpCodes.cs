using OtpNet;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Auth;

/// <summary>
/// TOTP (RFC 6238: 6 digits, 30-second steps, SHA-1, as every authenticator app does) through Otp.NET, on the host's
/// clock. A code is accepted one step early or late, and only for a step after the last one used.
/// </summary>
public sealed class TotpCodes(TimeProvider clock)
{
    public const string Issuer = "ThuisMonitoring";

    private static readonly VerificationWindow OneStepEitherWay = new(previous: 1, future: 1);

    /// <summary>A new random 160-bit secret, in Base32.</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));

    /// <summary>The <c>otpauth://</c> URI an authenticator app reads (from a QR code, or pasted).</summary>
    public static string UriFor(string secret, string username) => new OtpUri(OtpType.Totp, secret, username, Issuer).ToString();

    /// <summary>The time step <paramref name="code"/> belongs to, when it is right and not used before; null otherwise.</summary>
    public long? Match(TotpEnrolment enrolment, string? code)
    {
        ArgumentNullException.ThrowIfNull(enrolment);
        code = code?.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new Totp(Base32Encoding.ToBytes(enrolment.Secret));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, OneStepEitherWay) && step > enrolment.LastUsedStep
            ? step
            : null;
    }
}
