using System.Collections.Concurrent;
using System.Security.Claims;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Web.Access;

namespace ThuisMonitoring.Web.Api;

/// <summary>
/// Turns alerts into <see cref="AlertDto"/>s with the patient's name and the escalated-to clinician's display name, and
/// asks <see cref="PatientAccess"/> who may see them. Names are cached: patients and staff are never renamed while the host
/// runs; a patient's record is read again after a handover of responsibility (<see cref="Forget"/>).
/// </summary>
public sealed class AlertPresenter(IPatientDirectory directory, IUserDirectory users, PatientAccess access)
{
    private readonly ConcurrentDictionary<string, PatientRecord> _patients = new();
    private readonly ConcurrentDictionary<string, string> _displayNames = new(StringComparer.OrdinalIgnoreCase);

    public async Task<AlertDto> PresentAsync(Alert alert, CancellationToken cancellationToken)
    {
        var patient = await FindPatientAsync(alert.PatientId, cancellationToken);
        if (alert.Escalation is not { } escalation)
        {
            return AlertDto.From(alert, patient?.Name);
        }

        return AlertDto.From(alert, patient?.Name,
            await DisplayNameAsync(escalation.To, cancellationToken), await DisplayNameAsync(escalation.By, cancellationToken));
    }

    /// <summary>A user's display name; null for an unknown username.</summary>
    public async Task<string?> DisplayNameAsync(string username, CancellationToken cancellationToken)
    {
        if (_displayNames.TryGetValue(username, out var cached))
        {
            return cached;
        }

        var user = await users.FindAsync(username, cancellationToken);
        if (user is not null)
        {
            _displayNames[username] = user.DisplayName;
        }

        return user?.DisplayName;
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

    /// <summary>The patient's record changed (responsibility handed over): read it again next time.</summary>
    public void Forget(string patientId) => _patients.TryRemove(patientId, out _);

    /// <summary>Whether the caller may see the alert's patient: <see cref="PatientAccess"/>, the one rule.</summary>
    public Task<bool> MaySeeAsync(Alert alert, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        access.MaySeeAsync(caller, alert, cancellationToken);

    public async Task<IReadOnlyList<AlertDto>> PresentVisibleAsync(IEnumerable<Alert> alerts, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var result = new List<AlertDto>();
        foreach (var alert in await access.VisibleAsync(alerts, caller, cancellationToken))
        {
            result.Add(await PresentAsync(alert, cancellationToken));
        }

        return result;
    }
}
