using System.Globalization;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Resources;
using ThuisMonitoring.Web.Api;

namespace ThuisMonitoring.Fhir.Enrolment;

/// <summary>
/// Reads an enrolment transaction Bundle (CONTRACT section 5) into an <see cref="EnrolmentRequest"/>, collecting every
/// problem with its FHIRPath <c>expression</c>: a Bundle with any problem is refused whole. The ward values are checked
/// with the API's rules (<see cref="WardValues"/>), the clinician against the user directory.
/// </summary>
internal sealed partial class EnrolmentBundleReader(IUserDirectory users, TimeProvider clock)
{
    /// <summary>Ward Observations older than this are not the last 48 h the contract asks for.</summary>
    private static readonly TimeSpan WardWindow = TimeSpan.FromHours(48);

    private readonly List<Outcomes.Problem> _problems = [];

    public IReadOnlyList<Outcomes.Problem> Problems => _problems;

    public async Task<EnrolmentRequest?> ReadAsync(Bundle bundle, CancellationToken cancellationToken)
    {
        if (bundle.Type != Bundle.BundleType.Transaction)
        {
            Problem("Bundle.type", "The Bundle must be a transaction.");
        }

        var patients = Entries<Patient>(bundle);
        var requests = Entries<ServiceRequest>(bundle);
        var observations = Entries<Observation>(bundle);
        var consents = Entries<Consent>(bundle);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            if (entry.Resource is not (Patient or ServiceRequest or Consent or Observation))
            {
                Problem($"Bundle.entry[{i}].resource", "Each entry must be a Patient, a ServiceRequest, a Consent or an Observation.");
            }
            else if (entry.Request?.Method != Bundle.HTTPVerb.POST)
            {
                Problem($"Bundle.entry[{i}].request.method", "Each entry must be created: request.method POST.");
            }
        }

        if (patients.Count != 1)
        {
            Problem("Bundle.entry", "The Bundle must hold exactly one Patient.");
        }

        if (requests.Count != 1)
        {
            Problem("Bundle.entry", "The Bundle must hold exactly one ServiceRequest (the monitoring order).");
        }

        if (consents.Count > 1)
        {
            Problem("Bundle.entry", "The Bundle may hold at most one Consent: the patient's informed consent to telemonitoring.");
        }

        if (patients.Count != 1 || requests.Count != 1)
        {
            return null;
        }

        var (patientIndex, patient) = patients[0];
        var patientUrl = bundle.Entry[patientIndex].FullUrl;
        var name = ReadName(patient, patientIndex);
        var birthDate = ReadBirthDate(patient, patientIndex);
        var bsn = ReadBsn(patient, bundle.Entry[patientIndex], patientIndex);
        var phone = ReadPhone(patient, patientIndex);
        var (requestIndex, order) = requests[0];
        var (pathway, clinician) = await ReadOrderAsync(order, requestIndex, patientUrl, cancellationToken);
        // CONTRACT section 5 names no Consent: without one, the order's requester has obtained it (the WGBO's informed
        // consent to the treatment ordered), given when the order was authored. With one, the Consent says when.
        var consentGivenAt = consents.Count == 1 ? ReadConsent(consents[0].Resource, consents[0].Index, patientUrl) : OrderedAt(order);
        var (wardValues, flow) = ReadObservations(observations, patientUrl);
        if (_problems.Count > 0)
        {
            return null;
        }

        return new EnrolmentRequest(name!, birthDate!.Value, bsn, phone, pathway!.Value, clinician!, flow, wardValues, consentGivenAt!.Value,
            patientIndex, requestIndex, consents.Count == 1 ? consents[0].Index : null, observations.Select(o => o.Index).ToList());
    }

    private string? ReadName(Patient patient, int index)
    {
        var name = patient.Name.FirstOrDefault();
        var text = name?.Text ?? (name is null ? null : string.Join(' ', name.Given.Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p))));
        if (string.IsNullOrWhiteSpace(text) || text.Length > 200)
        {
            Problem($"Bundle.entry[{index}].resource.name", "The Patient needs a name (text, or given and family), at most 200 characters.");
            return null;
        }

        return text.Trim();
    }

    private DateOnly? ReadBirthDate(Patient patient, int index)
    {
        if (!DateOnly.TryParseExact(patient.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime) || birthDate.Year < 1900)
        {
            Problem($"Bundle.entry[{index}].resource.birthDate", "birthDate must be a full date (yyyy-MM-dd) in the past.");
            return null;
        }

        return birthDate;
    }

    private string? ReadBsn(Patient patient, Bundle.EntryComponent entry, int index)
    {
        string? bsn = null;
        for (var k = 0; k < patient.Identifier.Count; k++)
        {
            if (patient.Identifier[k].System != CodeSystems.Bsn)
            {
                continue;
            }

            if (!Resources.Bsn.IsValid(patient.Identifier[k].Value))
            {
                Problem($"Bundle.entry[{index}].resource.identifier[{k}].value", "A BSN is nine digits that pass the eleven test.");
                continue;
            }

            bsn = patient.Identifier[k].Value;
        }

        if (entry.Request?.IfNoneExist is { } condition && condition != $"identifier={CodeSystems.Bsn}|{bsn}")
        {
            Problem($"Bundle.entry[{index}].request.ifNoneExist", $"ifNoneExist must be identifier={CodeSystems.Bsn}|{{the Patient's BSN}}.");
        }

        return bsn;
    }

    private string? ReadPhone(Patient patient, int index)
    {
        for (var k = 0; k < patient.Telecom.Count; k++)
        {
            var telecom = patient.Telecom[k];
            if (telecom.System != ContactPoint.ContactPointSystem.Phone)
            {
                continue;
            }

            if (telecom.Value is null || !PatientEndpoints.IsPhoneNumber(telecom.Value) || telecom.Value.Trim().Length == 0)
            {
                Problem($"Bundle.entry[{index}].resource.telecom[{k}].value", "A phone number is at most 32 characters of digits, spaces and + - ( ) .");
                return null;
            }

            return telecom.Value.Trim();
        }

        return null;
    }

    private async Task<(Pathway? Pathway, string? Clinician)> ReadOrderAsync(ServiceRequest order, int index, string? patientUrl, CancellationToken cancellationToken)
    {
        var at = $"Bundle.entry[{index}].resource";
        if (order.Status != RequestStatus.Active)
        {
            Problem($"{at}.status", "The ServiceRequest must be active.");
        }

        if (order.Intent != RequestIntent.Order)
        {
            Problem($"{at}.intent", "The ServiceRequest's intent must be order.");
        }

        if (order.Code?.Coding.Any(c => c.System == CodeSystems.Snomed && c.Code == CodeSystems.Telemonitoring) != true)
        {
            Problem($"{at}.code", $"The ServiceRequest's code must be SNOMED CT {CodeSystems.Telemonitoring} (monitoren via telegeneeskunde).");
        }

        if (!RefersTo(order.Subject, patientUrl))
        {
            Problem($"{at}.subject", "The ServiceRequest's subject must refer to the Patient of the Bundle (its fullUrl).");
        }

        Pathway? pathway = null;
        var category = order.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == CodeSystems.Pathway);
        if (category is null || !PathwayNames.TryParse(category.Code, out var parsed))
        {
            Problem($"{at}.category", $"The ServiceRequest needs a category of system {CodeSystems.Pathway}: early-discharge, emergency-department or general-practice.");
        }
        else
        {
            pathway = parsed;
        }

        return (pathway, await ReadClinicianAsync(order, at, cancellationToken));
    }

    private async Task<string?> ReadClinicianAsync(ServiceRequest order, string at, CancellationToken cancellationToken)
    {
        var performer = order.Performer.FirstOrDefault();
        var identifier = performer?.Identifier;
        if (performer is null || identifier is null || identifier.System is not (CodeSystems.Username or CodeSystems.Agb) || string.IsNullOrEmpty(identifier.Value))
        {
            Problem($"{at}.performer[0]", $"The ServiceRequest's performer must be the responsible clinician: a Practitioner reference by identifier ({CodeSystems.Username} or {CodeSystems.Agb}).");
            return null;
        }

        var user = identifier.System == CodeSystems.Username
            ? await users.FindAsync(identifier.Value, cancellationToken)
            : AgbCodes.IsValid(identifier.Value) ? await AgbCodes.FindHolderAsync(users, identifier.Value, cancellationToken) : null;
        if (user is null || user.Role != Roles.Clinician || user.Disabled)
        {
            Problem($"{at}.performer[0].identifier", $"No clinician '{identifier.Value}' ({identifier.System}) is known here.");
            return null;
        }

        return user.Username;
    }

    /// <summary>
    /// The patient's consent to the telemonitoring this Bundle orders (AVG art. 9, WGBO art. 7:450), explicit: an active
    /// Consent of scope treatment, category LOINC 59284-0 "Patient Consent", for the Bundle's Patient, given at
    /// <c>dateTime</c> (with offset, not in the future), and when it has a provision, a permit. Returns when it was given.
    /// </summary>
    /// <summary>When the order was authored (a time with its offset, not in the future), else now.</summary>
    private DateTimeOffset OrderedAt(ServiceRequest order)
    {
        var now = clock.GetUtcNow();
        return order.AuthoredOnElement is { } authored && HasTimeAndOffset(authored.Value) && authored.TryToDateTimeOffset(out var at) && at <= now
            ? at
            : now;
    }

    private DateTimeOffset? ReadConsent(Consent consent, int index, string? patientUrl)
    {
        var at = $"Bundle.entry[{index}].resource";
        var before = _problems.Count;
        if (consent.Status != Consent.ConsentState.Active)
        {
            Problem($"{at}.status", "The Consent must be active: telemonitoring needs consent that is given and not withdrawn.");
        }

        if (consent.Scope?.Coding.Any(c => c.System == CodeSystems.ConsentScope && c.Code == "treatment") != true)
        {
            Problem($"{at}.scope", $"The Consent's scope must be {CodeSystems.ConsentScope}|treatment.");
        }

        if (!consent.Category.SelectMany(c => c.Coding).Any(c => c.System == CodeSystems.Loinc && c.Code == CodeSystems.PatientConsent))
        {
            Problem($"{at}.category", $"The Consent needs the category LOINC {CodeSystems.PatientConsent} (Patient Consent).");
        }

        if (!RefersTo(consent.Patient, patientUrl))
        {
            Problem($"{at}.patient", "The Consent's patient must refer to the Patient of the Bundle (its fullUrl).");
        }

        if (consent.Provision?.Type is { } type && type != Consent.ConsentProvisionType.Permit)
        {
            Problem($"{at}.provision.type", "The Consent's provision must permit: a denial is no consent to telemonitoring.");
        }

        DateTimeOffset givenAt = default;
        if (consent.DateTimeElement is not { } given || !HasTimeAndOffset(given.Value) || !given.TryToDateTimeOffset(out givenAt))
        {
            Problem($"{at}.dateTime", "The Consent needs dateTime: when the patient gave it, a time with its offset.");
        }
        else if (givenAt > clock.GetUtcNow() + TimeSpan.FromMinutes(5))
        {
            Problem($"{at}.dateTime", "The Consent cannot be given in the future.");
        }

        return _problems.Count == before ? givenAt : null;
    }

    /// <summary>The ward Observations as ward values (one per instant) and the oxygen flow at rest: the latest 3151-8, else room air.</summary>
    private (IReadOnlyList<WardValueRequest?> Values, double Flow) ReadObservations(IReadOnlyList<(int Index, Observation Resource)> observations, string? patientUrl)
    {
        var now = clock.GetUtcNow();
        var read = new List<(int Index, DateTimeOffset At, VitalSignCode Sign, decimal Value)>();
        foreach (var (index, observation) in observations)
        {
            var at = $"Bundle.entry[{index}].resource";
            var before = _problems.Count;
            var sign = VitalSignCodes.All.FirstOrDefault(s => observation.Code?.Coding.Any(c => c.System == CodeSystems.Loinc && s.Matches(CodeSystems.Loinc, c.Code ?? string.Empty)) == true);
            if (sign is null)
            {
                Problem($"{at}.code", $"The Observation's code must be a LOINC vital sign: {string.Join(", ", VitalSignCodes.All.Select(s => s.Loinc))}.");
            }

            if (!RefersTo(observation.Subject, patientUrl))
            {
                Problem($"{at}.subject", "The Observation's subject must refer to the Patient of the Bundle (its fullUrl).");
            }

            DateTimeOffset measuredAt = default;
            if (observation.Effective is not FhirDateTime effective || !HasTimeAndOffset(effective.Value) || !effective.TryToDateTimeOffset(out measuredAt))
            {
                Problem($"{at}.effective", "The Observation needs effectiveDateTime: a time with its offset.");
            }
            else if (measuredAt < now - WardWindow || measuredAt > now + TimeSpan.FromMinutes(5))
            {
                Problem($"{at}.effective", "Ward Observations must be of the last 48 hours (and not in the future).");
            }

            if (observation.Value is not Quantity { Value: { } value } quantity || sign is null || quantity.System != CodeSystems.Ucum || quantity.Code != sign.Unit)
            {
                Problem($"{at}.value", $"The Observation needs valueQuantity in UCUM{(sign is null ? string.Empty : $" '{sign.Unit}'")}.");
            }
            else if (_problems.Count == before)
            {
                read.Add((index, measuredAt, sign, value));
            }
        }

        var byInstant = read.GroupBy(r => r.At).OrderBy(g => g.Key).ToList();
        var values = byInstant.Select(g => (WardValueRequest?)new WardValueRequest(
            g.Key.ToString("O", CultureInfo.InvariantCulture),
            ToInt(g, VitalSignCodes.Spo2), ToInt(g, VitalSignCodes.HeartRate), ToInt(g, VitalSignCodes.RespiratoryRate),
            ToDouble(g, VitalSignCodes.OxygenFlow), ToDouble(g, VitalSignCodes.Temperature), null, null, null)).ToList();

        // The API's rules for ward values (ranges, at least one vital sign), named back to the entry they came from.
        WardValues.Read(values, now, out var problem);
        if (problem is not null)
        {
            var match = WardValueProblem().Match(problem);
            var group = match.Success ? byInstant[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)] : null;
            var entry = group?.Select(r => ((int Index, VitalSignCode Sign)?)(r.Index, r.Sign)).FirstOrDefault(r => match.Groups[2].Value == FieldOf(r!.Value.Sign)) ?? (group is null ? null : (group.First().Index, group.First().Sign));
            Problem(entry is null ? "Bundle.entry" : $"Bundle.entry[{entry.Value.Index}].resource.value", problem);
        }

        var flow = read.Where(r => r.Sign == VitalSignCodes.OxygenFlow).OrderBy(r => r.At).Select(r => (double?)r.Value).LastOrDefault() ?? 0;
        return (values, flow);
    }

    private static int? ToInt(IEnumerable<(int Index, DateTimeOffset At, VitalSignCode Sign, decimal Value)> group, VitalSignCode sign) =>
        group.Where(r => r.Sign == sign).Select(r => (int?)decimal.ToInt32(decimal.Round(r.Value))).LastOrDefault();

    private static double? ToDouble(IEnumerable<(int Index, DateTimeOffset At, VitalSignCode Sign, decimal Value)> group, VitalSignCode sign) =>
        group.Where(r => r.Sign == sign).Select(r => (double?)(double)r.Value).LastOrDefault();

    private static string FieldOf(VitalSignCode sign) =>
        sign == VitalSignCodes.Spo2 ? "spo2" : sign == VitalSignCodes.HeartRate ? "heartRate" : sign == VitalSignCodes.RespiratoryRate ? "respiratoryRate"
        : sign == VitalSignCodes.OxygenFlow ? "oxygenFlow" : "temperature";

    private static bool HasTimeAndOffset(string? value) =>
        value is not null && value.Contains('T', StringComparison.Ordinal) && (value.EndsWith('Z') || value.IndexOfAny(['+', '-'], value.IndexOf('T', StringComparison.Ordinal)) > 0);

    private static bool RefersTo(ResourceReference? reference, string? patientUrl) =>
        reference?.Reference is { } target && patientUrl is not null && target == patientUrl;

    private static List<(int Index, T Resource)> Entries<T>(Bundle bundle)
        where T : Resource =>
        bundle.Entry.Select((e, i) => (Index: i, Resource: e.Resource as T)).Where(x => x.Resource is not null).Select(x => (x.Index, x.Resource!)).ToList();

    private void Problem(string expression, string diagnostics) => _problems.Add(new Outcomes.Problem(expression, diagnostics));

    [GeneratedRegex(@"^wardValues\[(\d+)\]\.?([A-Za-z]*)")]
    private static partial Regex WardValueProblem();
}
