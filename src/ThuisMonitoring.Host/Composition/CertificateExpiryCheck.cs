using System.Security.Cryptography.X509Certificates;

namespace ThuisMonitoring.Host.Composition;

/// <summary>
/// Says at start which server certificate the host serves and until when; a warning from 30 days before it expires
/// (renew it and restart), an error once it has: devices would refuse every TLS connection.
/// </summary>
public sealed class CertificateExpiryCheck(X509Certificate2 certificate, TimeProvider clock, ILogger<CertificateExpiryCheck> logger) : IHostedService
{
    public static readonly TimeSpan WarnBefore = TimeSpan.FromDays(30);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        if (now > notAfter || now < notBefore)
        {
            logger.LogError("TLS certificate {Subject} is not valid now (valid {NotBefore:u} to {NotAfter:u}): renew it and restart", certificate.Subject, notBefore, notAfter);
        }
        else if (notAfter - now < WarnBefore)
        {
            logger.LogWarning("TLS certificate {Subject} expires in {Days:0.0} days ({NotAfter:u}): renew it and restart", certificate.Subject, (notAfter - now).TotalDays, notAfter);
        }
        else
        {
            logger.LogInformation("TLS certificate {Subject} (thumbprint {Thumbprint}) valid until {NotAfter:u}", certificate.Subject, certificate.Thumbprint, notAfter);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
