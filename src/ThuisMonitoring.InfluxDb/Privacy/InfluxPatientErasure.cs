using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Privacy;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.Forwarding;
using ThuisMonitoring.InfluxDb.LineProtocol;

namespace ThuisMonitoring.InfluxDb.Privacy;

/// <summary>
/// The patient's part of InfluxDB: every series with tag <c>patient</c> = the id, raw <c>vitals</c> and the
/// downsampled <c>vitals_1m</c> alike (<c>DROP SERIES WHERE patient = '...'</c>, which also drops them from the index), and the
/// patient's entries in the forwarder's quarantine files. Runs after the measurement store lost the patient's rows,
/// under the <see cref="ForwardingGate"/>, so the forwarder cannot write a batch read earlier after the drop.
/// </summary>
public sealed class InfluxPatientErasure(
    InfluxDbClient client, ForwardingGate gate, Quarantine quarantine, ILogger<InfluxPatientErasure> logger) : IPatientErasure
{
    private static readonly TimeSpan GateTimeout = TimeSpan.FromSeconds(30);

    public string Store => "influxdb";

    public async Task<long> EraseAsync(string patientId, CancellationToken cancellationToken)
    {
        if (!await gate.WaitAsync(GateTimeout, cancellationToken).ConfigureAwait(false))
        {
            throw new InfluxDbUnavailableException($"The InfluxDB forwarder did not finish its batch within {GateTimeout} (InfluxDB unreachable?).");
        }

        try
        {
            var tag = InfluxQl.Identifier(VitalsSchema.PatientTag);
            await client.QueryAsync(
                $"DROP SERIES WHERE {tag} = {InfluxQl.Literal(patientId)}", changesSchema: true, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }

        var quarantined = ForgetInQuarantine(patientId);
        logger.LogInformation("Patient {PatientId}: series dropped from InfluxDB, {Quarantined} quarantine lines removed", patientId, quarantined);
        return quarantined;
    }

    /// <summary>Rewrites the quarantine files without the patient's lines (and their comment lines).</summary>
    private long ForgetInQuarantine(string patientId)
    {
        if (!Directory.Exists(quarantine.Directory))
        {
            return 0;
        }

        long removed = 0;
        foreach (var file in Directory.EnumerateFiles(quarantine.Directory, "*.lp"))
        {
            var lines = File.ReadAllLines(file);
            var kept = new List<string>(lines.Length);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Contains(patientId, StringComparison.Ordinal))
                {
                    removed++;
                    if (kept.Count > 0 && kept[^1].StartsWith('#'))
                    {
                        kept.RemoveAt(kept.Count - 1);
                    }

                    continue;
                }

                kept.Add(lines[i]);
            }

            if (kept.Count != lines.Length)
            {
                File.WriteAllLines(file + ".tmp", kept);
                File.Move(file + ".tmp", file, overwrite: true);
            }
        }

        return removed;
    }
}

public static class InfluxDbPrivacyServiceCollectionExtensions
{
    /// <summary>The InfluxDB part of erasure (after <see cref="InfluxDbServiceCollectionExtensions.AddInfluxDbTimeSeries(IServiceCollection, InfluxDbOptions, BacklogOptions, string)"/>).</summary>
    public static IServiceCollection AddInfluxDbPrivacy(this IServiceCollection services) =>
        services.AddSingleton<IPatientErasure, InfluxPatientErasure>();
}
