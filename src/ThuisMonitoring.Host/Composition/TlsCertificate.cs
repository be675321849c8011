using System.Security.Cryptography.X509Certificates;

namespace ThuisMonitoring.Host.Composition;

/// <summary>
/// The <c>Tls</c> section: the server certificate of the https:// addresses in <c>Urls</c> and of MQTT over TLS
/// (<c>Mqtt:TlsPort</c>). <c>Tls:CertificatePath</c> is a PKCS#12 file (.pfx/.p12) or a PEM certificate (chain) with
/// its key in the same file or in <c>Tls:KeyPath</c>; <c>Tls:CertificatePassword</c> opens the PKCS#12 file or an
/// encrypted PEM key. Without <c>Tls:CertificatePath</c> the host serves plain HTTP and MQTT only.
/// </summary>
public static class TlsCertificate
{
    public const string PathKey = "Tls:CertificatePath";
    public const string KeyPathKey = "Tls:KeyPath";
    public const string PasswordKey = "Tls:CertificatePassword";

    /// <summary>The configured certificate with its private key, or null when none is configured.</summary>
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration[PathKey];
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var keyPath = configuration[KeyPathKey];
        var password = configuration[PasswordKey];
        try
        {
            var certificate = IsPem(path, keyPath) ? LoadPem(path, string.IsNullOrEmpty(keyPath) ? null : keyPath, password) : X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"{PathKey}: '{path}' holds no private key (set {KeyPathKey} for a PEM key file).");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new InvalidOperationException($"{PathKey}: the certificate '{path}' could not be loaded: {exception.Message}", exception);
        }
    }

    private static bool IsPem(string path, string? keyPath) =>
        !string.IsNullOrEmpty(keyPath) || File.ReadAllText(path).Contains("-----BEGIN", StringComparison.Ordinal);

    private static X509Certificate2 LoadPem(string path, string? keyPath, string? password) =>
        string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
}
