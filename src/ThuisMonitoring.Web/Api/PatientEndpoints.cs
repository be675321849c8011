using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Patients;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Grains.Contracts;
using ThuisMonitoring.Web.Access;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Privacy;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>Enrolment, patient reads and device binding.</summary>
public static class PatientEndpoints
{

    public static IEndpointRouteBuilder MapPatientEndpoints(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/patients").RequireAuthorization(Policies.Staff);
        patients.MapPost("", EnrolAsync).Audited(AuditResources.Patient, AuditActions.Create);
        patients.MapGet("", ListAsync).Audited(AuditResources.Patient, AuditActions.Read);
        patients.MapGet("/{patientId}", GetAsync).Audited(AuditResources.Patient, AuditActions.Read);
        patients.MapPost("/{patientId}/devices", BindDeviceAsync).Audited(AuditResources.Device, AuditActions.Create);
        app.MapTimelineEndpoints();
        return app;
    }

    private static async Task<IResult> EnrolAsync(
        EnrolPatientRequest? request, ClaimsPrincipal caller, IPatientDirectory directory, IUserDirectory users, PatientAccess access,
        IGrainFactory grains, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return ApiProblem.BadRequest("A JSON body is required.");
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            return ApiProblem.BadRequest("name is required (at most 200 characters).");
        }

        if (!DateOnly.TryParseExact(request.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) || birthDate.Year < 1900)
        {
            return ApiProblem.BadRequest("birthDate must be a date in the past as yyyy-MM-dd.");
        }

        if (!PathwayNames.TryParse(request.Pathway, out var pathway))
        {
            return ApiProblem.BadRequest("pathway must be one of: early-discharge, emergency-department, general-practice.");
        }

        if (request.OxygenFlow is not { } flow || !MeasurementRanges.OxygenFlow.Contains(flow))
        {
            return ApiProblem.BadRequest(Validation.OxygenFlowRequired("oxygenFlow"));
        }

        if (request.Thresholds?.MaxHomeOxygenFlow is { } max && (double.IsNaN(max) || max <= 0 || max > MeasurementRanges.OxygenFlow.Max))
        {
            return ApiProblem.BadRequest(Validation.MaxHomeOxygenFlowOutOfRange("thresholds.maxHomeOxygenFlow"));
        }

        if (request.Identifier is { Length: > 64 })
        {
            return ApiProblem.BadRequest("identifier must be at most 64 characters.");
        }

        var bsn = Bsn.Normalise(request.Bsn);
        if (!string.IsNullOrWhiteSpace(request.Bsn) && bsn is null)
        {
            return ApiProblem.BadRequest("bsn must be a citizen service number of 9 digits that passes the 11-test.");
        }

        if (request.Address is { Length: > 300 })
        {
            return ApiProblem.BadRequest("address must be at most 300 characters.");
        }

        if (!IsSerial(request.ConcentratorSerial) || !IsSerial(request.MeterSerial))
        {
            return ApiProblem.BadRequest("concentratorSerial and meterSerial must be 1-64 characters of letters, digits, '.', '_', '/' or '-'.");
        }

        if (request.Phone is { } phone && !IsPhoneNumber(phone))
        {
            return ApiProblem.BadRequest("phone must be a phone number: at most 32 characters of digits, spaces and + - ( ) .");
        }

        if (request.IllnessDay is < 0 or > 365)
        {
            return ApiProblem.BadRequest("illnessDay must be from 0 to 365.");
        }

        var wardValues = WardValues.Read(request.WardValues, clock.GetUtcNow(), out var wardValuesProblem);
        if (wardValuesProblem is not null)
        {
            return ApiProblem.BadRequest(wardValuesProblem);
        }

        var consent = EnrolmentConsent.Read(request.Consent, caller.Username(), clock.GetUtcNow(), out var consentProblem);
        if (consent is null)
        {
            return ApiProblem.BadRequest(consentProblem!);
        }

        var clinician = string.IsNullOrEmpty(request.ResponsibleClinician) ? null : await users.FindAsync(request.ResponsibleClinician, cancellationToken);
        if (clinician is null || clinician.Role != Roles.Clinician || clinician.Disabled)
        {
            return ApiProblem.BadRequest("responsibleClinician must be the username of a user with role clinician.");
        }

        if (!(await access.ScopeAsync(caller, cancellationToken)).MayEnrolFor(clinician))
        {
            // Not told apart from an unknown clinician: a caller learns nothing of other organisations' staff.
            return ApiProblem.BadRequest("responsibleClinician must be a clinician you may enrol for: yourself, a colleague of your "
                + "organisation where it shares its patients, or (for a nurse) a clinician of an organisation your centre serves.");
        }

        var patientId = Guid.CreateVersion7().ToString("N");
        var now = clock.GetUtcNow();
        var enrolment = new Enrolment(patientId, pathway, clinician.Username, clinician.Organisation, flow,
            request.Thresholds is null ? null : new ThresholdOverrides(request.Thresholds.MaxHomeOxygenFlow), now);
        await grains.GetGrain<IPatientGrain>(patientId).Enrol(enrolment);
        await directory.AddAsync(new PatientRecord(patientId, request.Name.Trim(), birthDate, bsn ?? request.Identifier, pathway,
            clinician.Username, clinician.Organisation, now, string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim(), consent,
            Blank(request.Address), Blank(request.ConcentratorSerial), Blank(request.MeterSerial)), cancellationToken);
        var eligibility = await WardValues.CheckEligibilityAsync(grains.GetGrain<IPatientGrain>(patientId),
            new EligibilityRequest(pathway, wardValues, flow, now, request.ClinicallyImproving, request.CanMeasureAndReport, request.ConcentratorAtHome,
                request.HaemodynamicallyStable, request.IllnessDay, request.InvasiveVentilationPolicy),
            loggers.CreateLogger(typeof(PatientEndpoints).FullName!));
        return Results.Created($"/api/patients/{patientId}", new EnrolmentCreatedDto(patientId, eligibility));
    }

    /// <summary>
    /// Every patient the caller may see; <c>state=active</c> (monitoring or weaning) or <c>state=ended</c> (ended or
    /// readmitted) narrows it, <c>q</c> finds by name, identifier (BSN) or patient id, so ended patients stay findable.
    /// Read from the directory and the overview's read model (<see cref="IPatientSummaries"/>) without activating any
    /// grain; a patient without a summary yet (enrolled before the read model) is asked once and filled in. Each row
    /// comes serialised from <see cref="PatientRowCache"/> (only a changed row is serialised again) and the answer is
    /// written from those rows (<see cref="PatientListResult"/>); which rows the caller sees is decided here, per request.
    /// </summary>
    private static async Task<IResult> ListAsync(
        string? state, string? q, ClaimsPrincipal caller, IPatientDirectory directory, IPatientSummaries summaries, PatientAccess access,
        IGrainFactory grains, AlertPresenter presenter, PatientRowCache rows, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (state is not (null or "" or "active" or "ended" or "all"))
        {
            return ApiProblem.BadRequest("state must be active, ended or all.");
        }

        var records = await directory.ListAsync(cancellationToken);
        var stored = await summaries.ListAsync(cancellationToken);
        var scope = await access.ScopeAsync(caller, cancellationToken);
        var query = q?.Trim();
        var now = clock.GetUtcNow();
        var listed = new List<string>(records.Count);
        var json = new List<byte[]>(records.Count);
        var clinicianNames = new ClinicianNames(presenter);
        foreach (var record in records)
        {
            if (!scope.MaySee(record) || (!string.IsNullOrEmpty(query) && !Matches(record, query)))
            {
                continue;
            }

            var summary = stored.GetValueOrDefault(record.PatientId) ?? await FillInSummaryAsync(record.PatientId, grains, summaries, now, cancellationToken);
            if (summary is null)
            {
                var fromGrain = await ToDtoAsync(record, grains, presenter, cancellationToken);
                if (InState(fromGrain.State, state))
                {
                    listed.Add(record.PatientId);
                    json.Add(rows.Serialise(fromGrain));
                }

                continue;
            }

            if (!InState(summary.State.ToCode(), state))
            {
                continue;
            }

            listed.Add(record.PatientId);
            json.Add(rows.RowOf(record, summary, await clinicianNames.OfAsync(record.ResponsibleClinician, cancellationToken), now));
        }

        rows.KeepOnly(records);
        return new PatientListResult(listed, json);
    }

    private static bool InState(string code, string? state) =>
        state switch { "active" => code is "monitoring" or "weaning", "ended" => code is "ended" or "readmitted", _ => true };

    /// <summary>
    /// The summary of a patient enrolled before the read model existed, from its grain (once: it is stored, unless the
    /// grain wrote a summary meanwhile). Null when the grain holds no episode (enrolment not finished).
    /// </summary>
    private static async Task<PatientSummary?> FillInSummaryAsync(
        string patientId, IGrainFactory grains, IPatientSummaries summaries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IPatientGrain>(patientId);
        if (await grain.GetEpisode() is not { } snapshot)
        {
            return null;
        }

        var protocol = ProtocolDocumentReader.Read((await grain.GetProtocol()).DocumentJson);
        var summary = PatientSummary.Of(patientId, new Episode(snapshot), protocol, now);
        await summaries.AddMissingAsync(summary, cancellationToken);
        return summary;
    }

    private static bool Matches(PatientRecord record, string query) =>
        record.Name.Contains(query, StringComparison.OrdinalIgnoreCase)
        || record.PatientId.StartsWith(query, StringComparison.OrdinalIgnoreCase)
        || (record.Identifier is { } identifier && identifier.Replace(" ", string.Empty).Contains(query.Replace(" ", string.Empty), StringComparison.OrdinalIgnoreCase));

    private static bool IsSerial(string? value) =>
        string.IsNullOrWhiteSpace(value) || (value.Trim().Length <= 64 && value.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/'));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<IResult> GetAsync(
        string patientId, ClaimsPrincipal caller, PatientAccess access, IGrainFactory grains, AlertPresenter presenter, CancellationToken cancellationToken)
    {
        var record = await access.FindVisibleAsync(patientId, caller, cancellationToken);
        if (record is null)
        {
            return NotVisible(patientId);
        }

        return Results.Ok(await ToDtoAsync(record, grains, presenter, cancellationToken));
    }

    private static async Task<IResult> BindDeviceAsync(
        string patientId, BindDeviceRequest? request, ClaimsPrincipal caller, PatientAccess access,
        IDeviceRegistry devices, Pairing.AppPairing pairing, HttpRequest http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var record = await access.FindVisibleAsync(patientId, caller, cancellationToken);
        if (record is null)
        {
            return NotVisible(patientId);
        }

        if (!Validation.IsIdentifier(request?.DeviceId))
        {
            return ApiProblem.BadRequest("deviceId must be 1-64 characters of letters, digits, '.', '_' or '-'.");
        }

        if (!DeviceKindNames.TryParse(request!.Kind, out var kind))
        {
            return ApiProblem.BadRequest("kind must be oximeter or patient-app.");
        }

        var (secret, hash) = DeviceSecret.Generate();
        var binding = new DeviceBinding(request.DeviceId!, patientId, kind, hash, record.Organisation, clock.GetUtcNow());
        if (!await devices.TryBindAsync(binding, cancellationToken))
        {
            return ApiProblem.Conflict($"Device '{request.DeviceId}' is already bound.");
        }

        var answer = new BindDeviceResponse(binding.DeviceId, secret);
        if (kind == DeviceKind.PatientApp)
        {
            var issued = await pairing.IssueAsync(binding, cancellationToken);
            answer = answer with { PairingCode = issued.Code, PairingUrl = Pairing.AppPairing.PairingUrl(http, issued.Code), PairingExpiresAt = issued.ExpiresAt };
        }

        return Results.Created($"/api/patients/{patientId}/devices/{binding.DeviceId}", answer);
    }

    /// <summary>The patient's record when it exists and the caller may see it (<see cref="PatientAccess"/>); otherwise null (answer <see cref="NotVisible"/>).</summary>
    internal static Task<PatientRecord?> FindVisibleAsync(
        PatientAccess access, string patientId, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        access.FindVisibleAsync(patientId, caller, cancellationToken);

    /// <summary>404 for a patient that does not exist or that the caller may not see (the two are not told apart).</summary>
    internal static IResult NotVisible(string patientId) => PatientAccess.NotVisible(patientId);

    /// <summary>Whether the caller may see the patient (<see cref="PatientAccess"/>, the one rule).</summary>
    internal static Task<bool> MaySee(PatientAccess access, ClaimsPrincipal caller, PatientRecord record, CancellationToken cancellationToken) =>
        access.MaySeeAsync(caller, record, cancellationToken);

    /// <summary>Digits with the usual separators, at least 3 digits: enough to dial, nothing that could be markup.</summary>
    internal static bool IsPhoneNumber(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length == 0
            || (trimmed.Length <= 32 && trimmed.Count(char.IsAsciiDigit) >= 3 && trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'));
    }

    private static async Task<PatientDto> ToDtoAsync(PatientRecord record, IGrainFactory grains, AlertPresenter presenter, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IPatientGrain>(record.PatientId);
        var episode = await grain.GetEpisode();
        var nextDue = episode is null ? null : await grain.GetNextMeasurementDue();
        var live = episode is null ? null : new Episode(episode);
        return new PatientDto(
            record.PatientId, record.Name, record.BirthDate, record.Identifier, record.Pathway.ToCode(),
            record.ResponsibleClinician, record.Organisation, record.EnrolledAt,
            live?.State.ToCode() ?? EpisodeState.Monitoring.ToCode(),
            (live?.Level ?? Level.Green).ToCode(),
            live?.OxygenFlow ?? 0,
            live?.LastNews2Score,
            live?.LastMeasurement is { } last ? MeasurementDto.From(last) : null,
            episode?.Advice?.Where(a => a.IsOpen).Select(AdviceDto.From).ToList() ?? [],
            episode?.Eligibility is { } eligibility ? EligibilityDto.From(eligibility) : null,
            episode?.Transitions?.Select(TransitionDto.Of).ToList() ?? [],
            record.Phone,
            nextDue,
            await presenter.DisplayNameAsync(record.ResponsibleClinician, cancellationToken),
            record.Address,
            record.ConcentratorSerial,
            record.MeterSerial);
    }
}
