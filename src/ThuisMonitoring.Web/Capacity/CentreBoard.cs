using System.Security.Claims;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Capacity;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Capacity;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Domain.Visibility;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Hubs;

namespace ThuisMonitoring.Web.Capacity;

/// <summary>
/// Gathers a centre's <see cref="CentreFacts"/> and turns them into the board (CONTRACT section 10) and the prognosis.
/// The centre's patients are those the visibility rule shows a nurse of the centre (its own and its clients'); nurses
/// on shift are the centre's nurses with a live console connection (<see cref="IConsolePresence"/>: on any host of a
/// cluster). Episodes and urgent response times come from the overview's read model (<see cref="IPatientSummaries"/>),
/// so the board activates no patient grain.
/// </summary>
public sealed class CentreBoard(
    IPatientDirectory patients, IPatientSummaries summaries, IAlertIndex alerts, IGrainFactory grains, PatientAccess access, IConsolePresence presence, ICapacityRegister settings,
    TimeProvider clock, ILogger<CentreBoard> logger)
{
    private const int AlertScanLimit = 100_000;

    public async Task<CentreFacts> FactsAsync(string centre, CancellationToken cancellationToken)
    {
        var region = await access.RegionAsync(cancellationToken);
        var nurseOfCentre = new Viewer(string.Empty, RoleCodes.Nurse, centre);
        var records = (await patients.ListAsync(cancellationToken))
            .Where(r => VisibilityRule.MaySee(nurseOfCentre, AccessScope.Facts(r), region))
            .ToList();
        // The overview's read model; a patient without a summary yet (enrolled before it) is asked from its grain.
        var stored = await summaries.ListAsync(cancellationToken);
        var episodes = await Task.WhenAll(records.Select(async r => (Record: r, Summary: stored.GetValueOrDefault(r.PatientId) ?? await FromGrainAsync(r.PatientId))));
        var spans = new List<EpisodeSpan>();
        var active = new HashSet<string>(StringComparer.Ordinal);
        int concentrators = 0, meters = 0;
        foreach (var (record, summary) in episodes)
        {
            if (summary is null)
            {
                continue;
            }

            var end = summary.State is EpisodeState.Ended or EpisodeState.Readmitted
                ? summary.Transitions.LastOrDefault(t => t.To == summary.State)?.At ?? summary.EnrolledAt
                : (DateTimeOffset?)null;
            spans.Add(new EpisodeSpan(summary.EnrolledAt, end));
            if (end is null)
            {
                active.Add(record.PatientId);
                concentrators += CentreFacts.HoldsConcentrator(record) ? 1 : 0;
                meters += CentreFacts.HoldsMeter(record) ? 1 : 0;
            }
        }

        var open = (await alerts.ListAsync(AlertStatus.Open, AlertScanLimit, cancellationToken))
            .Concat(await alerts.ListAsync(AlertStatus.Acknowledged, AlertScanLimit, cancellationToken))
            .Where(a => active.Contains(a.PatientId))
            .ToList();
        var responseTimes = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var byPatient = episodes.Where(e => e.Summary is not null).ToDictionary(e => e.Record.PatientId, e => e.Summary!, StringComparer.Ordinal);
        foreach (var patientId in open.Where(a => a.Level == Level.Red && CentreAlerts.IsUnclaimed(a)).Select(a => a.PatientId).Distinct())
        {
            responseTimes[patientId] = byPatient.TryGetValue(patientId, out var summary) ? summary.UrgentResponseTime : await UrgentResponseTimeAsync(patientId);
        }

        return new CentreFacts(centre, clock.GetUtcNow(), spans, NursesOnShift(centre), open, responseTimes, concentrators, meters);
    }

    public async Task<CapacityDto> BoardAsync(CentreFacts facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var saved = await settings.GetAsync(facts.Centre, cancellationToken);
        var counted = facts.Alerts;
        var level = CapacityLight.Of(facts.PatientsInMonitoring, facts.NursesOnShift, counted, saved.Thresholds);
        return new CapacityDto(
            facts.Centre,
            facts.At,
            facts.PatientsInMonitoring,
            facts.NursesOnShift,
            CapacityLight.PatientsPerNurse(facts.PatientsInMonitoring, facts.NursesOnShift),
            new OpenAlertsDto(counted.Urgent, counted.Warning),
            counted.OldestUnclaimedMinutes,
            counted.UrgentOverdue,
            level.ToCode(),
            new EquipmentDto(
                EquipmentCountDto.From(Count(saved.Concentrators, facts.ConcentratorsHandedOut)),
                EquipmentCountDto.From(Count(saved.Meters, facts.MetersHandedOut))),
            new ThresholdsDto(saved.Thresholds.GreenUpToPatientsPerNurse, saved.Thresholds.RedAbovePatientsPerNurse));
    }

    /// <summary>The centre a caller asks about: the one named, or their own organisation.</summary>
    public static string? CentreOf(ClaimsPrincipal caller, string? centre) =>
        string.IsNullOrWhiteSpace(centre) ? caller.Organisation() : centre.Trim();

    private static EquipmentCount Count(EquipmentStock? stock, int handedOutNow) =>
        EquipmentCount.Now(stock?.CountedInStock, stock?.HandedOutAtCount ?? 0, handedOutNow);

    /// <summary>The summary of a patient from before the read model, from its grain (null: not enrolled).</summary>
    private async Task<PatientSummary?> FromGrainAsync(string patientId)
    {
        var grain = grains.GetGrain<IPatientGrain>(patientId);
        if (await grain.GetEpisode() is not { } snapshot)
        {
            return null;
        }

        var protocol = ProtocolDocumentReader.Read((await grain.GetProtocol()).DocumentJson);
        return PatientSummary.Of(patientId, new Episode(snapshot), protocol, clock.GetUtcNow());
    }

    private int NursesOnShift(string centre) => presence.Users()
        .Where(u => u.Role == Roles.Nurse && string.Equals(u.Organisation, centre, StringComparison.Ordinal))
        .Select(u => u.Username)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .Count();

    private async Task<TimeSpan> UrgentResponseTimeAsync(string patientId)
    {
        try
        {
            return ProtocolDocumentReader.Read((await grains.GetGrain<IPatientGrain>(patientId).GetProtocol()).DocumentJson).ResponseTimes.Red;
        }
        catch (Exception exception) when (exception is PatientNotEnrolledException or ProtocolDocumentException)
        {
            logger.LogWarning(exception, "No protocol for patient {PatientId}: the default urgent response time counts", patientId);
            return ProtocolDocumentReader.Read(CovidOxygenProtocol.Json).ResponseTimes.Red;
        }
    }
}
