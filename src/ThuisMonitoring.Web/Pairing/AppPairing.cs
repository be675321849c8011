using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;

namespace ThuisMonitoring.Web.Pairing;

/// <summary>
/// Pairing a patient app (CONTRACT section 6): a one-time code when a patient-app device is bound, exchanged once
/// within <see cref="PairingCode.Lifetime"/> for the device's credentials. The exchange gives the device a new secret,
/// so the app holds a secret nobody else has seen (the one shown at binding stops working once the app is paired).
/// </summary>
public sealed class AppPairing(IPairingCodes codes, IDeviceRegistry devices, TimeProvider clock, ILogger<AppPairing> logger)
{
    /// <summary>The path of the app on this host; the pairing URL carries the code in its fragment, which never reaches a server log.</summary>
    public const string AppPath = "/app/";

    /// <summary>A new code for a bound patient-app device.</summary>
    public async Task<IssuedPairing> IssueAsync(DeviceBinding device, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var code = PairingCode.Generate();
        var now = clock.GetUtcNow();
        var expiresAt = now + PairingCode.Lifetime;
        await codes.AddAsync(new PairingGrant(PairingCode.Hash(PairingCode.Normalise(code)!), device.DeviceId, device.PatientId, now, expiresAt), cancellationToken);
        return new IssuedPairing(code, expiresAt);
    }

    /// <summary>The device's id and a fresh secret for a live code; null for an unknown, used or expired code, or an unbound device.</summary>
    public async Task<(string DeviceId, string Secret)?> RedeemAsync(string? typedCode, CancellationToken cancellationToken)
    {
        if (PairingCode.Normalise(typedCode) is not { } normalised)
        {
            return null;
        }

        var grant = await codes.RedeemAsync(PairingCode.Hash(normalised), clock.GetUtcNow(), cancellationToken);
        if (grant is null || await devices.FindAsync(grant.DeviceId, cancellationToken) is not { } binding || binding.PatientId != grant.PatientId)
        {
            return null;
        }

        var (secret, hash) = DeviceSecret.Generate();
        if (!await devices.ReplaceSecretAsync(grant.DeviceId, hash, cancellationToken))
        {
            return null;
        }

        logger.LogInformation("Patient app {DeviceId} paired", grant.DeviceId);
        return (grant.DeviceId, secret);
    }

    /// <summary><c>{base}/app/#pair={code}</c> for the host the request came to.</summary>
    public static string PairingUrl(HttpRequest request, string code) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{AppPath}#pair={code}";

    /// <summary>MQTT over WebSocket on the same host and port (<c>/mqtt</c>).</summary>
    public static string MqttUrl(HttpRequest request) =>
        $"{(request.IsHttps ? "wss" : "ws")}://{request.Host}{request.PathBase}/mqtt";
}

/// <summary>A pairing code as shown to the patient, and until when it can be used.</summary>
public sealed record IssuedPairing(string Code, DateTimeOffset ExpiresAt);
