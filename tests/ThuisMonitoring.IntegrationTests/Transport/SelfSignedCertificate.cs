using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ThuisMonitoring.IntegrationTests.Transport;

/// <summary>A self-signed server certificate for 127.0.0.1 and localhost, made by the test: what an operator makes with openssl.</summary>
public sealed class SelfSignedCertificate : IDisposable
{
    private SelfSignedCertificate(X509Certificate2 certificate) => Certificate = certificate;

    public X509Certificate2 Certificate { get; }

    public static SelfSignedCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=thuismonitoring-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        return new SelfSignedCertificate(request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1)));
    }

    /// <summary>Writes the certificate as PKCS#12 (with a password) and as PEM certificate plus PEM key.</summary>
    public CertificateFiles WriteFiles()
    {
        var directory = Directory.CreateTempSubdirectory("thuismonitoring-tls-").FullName;
        var files = new CertificateFiles(directory, "tls-test-password");
        File.WriteAllBytes(files.PfxPath, Certificate.Export(X509ContentType.Pkcs12, files.Password));
        File.WriteAllText(files.CertificatePemPath, Certificate.ExportCertificatePem());
        File.WriteAllText(files.KeyPemPath, Certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return files;
    }

    /// <summary>Trusts this certificate, and only it, as the server's: for HttpClient and MQTTnet.</summary>
    public bool Validates(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(presented);
        var nameMatches = (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0;
        return nameMatches && chain.Build(server) && server.Thumbprint == Certificate.Thumbprint;
    }

    /// <summary>An HttpClient for the host's https:// address that trusts this certificate.</summary>
    public HttpClient HttpClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, errors) => Validates(presented, errors);
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose() => Certificate.Dispose();
}

/// <summary>The certificate on disk, removed again when disposed.</summary>
public sealed record CertificateFiles(string Directory, string Password) : IDisposable
{
    public string PfxPath => Path.Combine(Directory, "server.pfx");

    public string CertificatePemPath => Path.Combine(Directory, "server.crt");

    public string KeyPemPath => Path.Combine(Directory, "server.key");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
