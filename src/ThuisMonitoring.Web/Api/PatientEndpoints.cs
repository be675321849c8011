using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ThuisMonitoring.Abstractions.Grains;
using ThuisMonitoring.Abstractions.Security;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Eligibility;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;
using ThuisMonitoring.Abstractions.Audit;
using ThuisMonitoring.Web.Audit;
using ThuisMonitoring.Web.Auth;
using ThuisMonitoring.Web.Privacy;
using ThuisMonitoring.Web.Problems;

namespace ThuisMonitoring.Web.Api;

/// <summary>Enrolment, patient reads and device binding.</summary>
public static class PatientEndpoints
{
    private const double MaxOxygenFlow = 15;

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
        EnrolPatientRequest? request, ClaimsPrincipal caller, IPatientDirectory directory, IUserDirectory users,
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

        if (request.OxygenFlow is not { } flow || double.IsNaN(flow) || flow < 0 || flow > MaxOxygenFlow)
        {
            return ApiProblem.BadRequest($"oxygenFlow is required, in L/min from 0 to {MaxOxygenFlow}.");
        }

        if (request.Thresholds?.MaxHomeOxygenFlow is { } max && (double.IsNaN(max) || max <= 0 || max > MaxOxygenFlow))
        {
            return ApiProblem.BadRequest($"thresholds.maxHomeOxygenFlow must be above 0 and at most {MaxOxygenFlow} L/min.");
        }

        if (request.Identifier is { Length: > 64 })
        {
            return ApiProblem.BadRequest("identifier must be at most 64 characters.");
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
        if (clinician is null || clinician.Role != Roles.Clinician)
        {
            return ApiProblem.BadRequest("responsibleClinician must be the username of a user with role clinician.");
        }

        var patientId = Guid.CreateVersion7().ToString("N");
        var now = clock.GetUtcNow();
        var enrolment = new Enrolment(patientId, pathway, clinician.Username, clinician.Organisation, flow,
            request.Thresholds is null ? null : new ThresholdOverrides(request.Thresholds.MaxHomeOxygenFlow), now);
        await grains.GetGrain<IPatientGrain>(patientId).Enrol(enrolment);
        await directory.AddAsync(new PatientRecord(patientId, request.Name.Trim(), birthDate, request.Identifier, pathway,
            clinician.Username, clinician.Organisation, now, string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim(), consent), cancellationToken);
        var eligibility = await WardValues.CheckEligibilityAsync(grains.GetGrain<IPatientGrain>(patientId),
            new EligibilityRequest(pathway, wardValues, flow, now, request.ClinicallyImproving, request.CanMeasureAndReport, request.ConcentratorAtHome,
                request.HaemodynamicallyStable, request.IllnessDay, request.InvasiveVentilationPolicy),
            loggers.CreateLogger(typeof(PatientEndpoints).FullName!));
        return Results.Created($"/api/patients/{patientId}", new EnrolmentCreatedDto(patientId, eligibility));
    }

    private static async Task<IResult> ListAsync(
        ClaimsPrincipal caller, IPatientDirectory directory, IGrainFactory grains, AlertPresenter presenter, CancellationToken cancellationToken)
    {
        var records = await directory.ListAsync(cancellationToken);
        var visible = records.Where(r => MaySee(caller, r)).ToList();
        var dtos = await Task.WhenAll(visible.Select(r => ToDtoAsync(r, grains, presenter, cancellationToken)));
        return Results.Ok(dtos);
    }

    private static async Task<IResult> GetAsync(
        string patientId, ClaimsPrincipal caller, IPatientDirectory directory, IGrainFactory grains, AlertPresenter presenter, CancellationToken cancellationToken)
    {
        var record = await FindVisibleAsync(directory, patientId, caller, cancellationToken);
        if (record is null)
        {
            return NotVisible(patientId);
        }

        return Results.Ok(await ToDtoAsync(record, grains, presenter, cancellationToken));
    }

    private static async Task<IResult> BindDeviceAsync(
        string patientId, BindDeviceRequest? request, ClaimsPrincipal caller, IPatientDirectory directory,
        IDeviceRegistry devices, Pairing.AppPairing pairing, HttpRequest http, TimeProvider clock, CancellationToken cancellationToken)
    {
        var record = await FindVisibleAsync(directory, patientId, caller, cancellationToken);
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

    /// <summary>Clinicians see only the patients they are responsible for; the centre and admins see all.</summary>
    /// <summary>The patient's record when it exists and the caller may see it; otherwise null (answer <see cref="NotVisible"/>).</summary>
    internal static async Task<PatientRecord?> FindVisibleAsync(
        IPatientDirectory directory, string patientId, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var record = await directory.GetAsync(patientId, cancellationToken);
        return record is not null && MaySee(caller, record) ? record : null;
    }

    /// <summary>404 for a patient that does not exist or that the caller may not see (the two are not told apart).</summary>
    internal static IResult NotVisible(string patientId) =>
        ApiProblem.NotFound($"Patient '{patientId}' does not exist or is not yours to see.");

    internal static bool MaySee(ClaimsPrincipal caller, PatientRecord record) =>
        caller.Role() != Roles.Clinician || record.ResponsibleClinician == caller.Username();

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
            await presenter.DisplayNameAsync(record.ResponsibleClinician, cancellationToken));
    }
}
