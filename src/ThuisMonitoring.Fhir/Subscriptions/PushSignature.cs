using System.Security.Cryptography;
using System.Text;

namespace ThuisMonitoring.Fhir.Subscriptions;

/// <summary>
/// The signature of a push: <c>X-Signature: sha256=&lt;hex HMAC-SHA256 of the body with the subscription's secret&gt;</c>,
/// so the receiver knows the push came from us and was not changed.
/// </summary>
public static class PushSignature
{
    public const string Header = "X-Signature";
    public const string SecretHeader = "X-Signature-Secret";

    public static string Of(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
