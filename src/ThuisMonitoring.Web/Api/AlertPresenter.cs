using System.Collections.Concurrent;
using System.Security.Claims;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Web.Auth;

namespace ThuisMonitoring.Web.Api;

/// <summary>Turns alerts into <see cref="AlertDto"/>s with the patient's name, and decides who may see them.</summary>
public sealed class AlertPresenter(IPatientDirectory directory)
{
    private readonly ConcurrentDictionary<string, PatientRecord> _patients = new();

    public async Task<AlertDto> PresentAsync(Alert alert, CancellationToken cancellationToken)
    {
        var patient = await FindPatientAsync(alert.PatientId, cancellationToken);
        return AlertDto.From(alert, patient?.Name);
    }

    public async Task<PatientRecord?> FindPatientAsync(string patientId, CancellationToken cancellationToken)
    {
        if (_patients.TryGetValue(patientId, out var cached))
        {
            return cached;
        }

        var record = await directory.GetAsync(patientId, cancellationToken);
        if (record is not null)
        {
            _patients[patientId] = record;
        }

        return record;
    }

    public async Task<bool> MaySeeAsync(Alert alert, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        if (caller.Role() != Roles.Clinician)
        {
            return true;
        }

        var patient = await FindPatientAsync(alert.PatientId, cancellationToken);
        return patient is not null && PatientEndpoints.MaySee(caller, patient);
    }

    public async Task<IReadOnlyList<AlertDto>> PresentVisibleAsync(IEnumerable<Alert> alerts, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var result = new List<AlertDto>();
        foreach (var alert in alerts)
        {
            if (await MaySeeAsync(alert, caller, cancellationToken))
            {
                result.Add(await PresentAsync(alert, cancellationToken));
            }
        }

        return result;
    }
}
