namespace ThuisMonitoring.DeviceSimulator.Api;

/// <summary>Answer of <c>POST /api/auth/token</c>.</summary>
public sealed record IssuedToken(string AccessToken, int ExpiresIn, string? Username = null, string? Role = null, string? DisplayName = null);

/// <summary>Body of <c>POST /api/users</c>; role is admin, nurse, clinician or patient.</summary>
/// <summary>Body of <c>POST /api/organisations</c>.</summary>
public sealed record NewOrganisation(string Id, string Name, string Kind, bool SharePatientsWithinOrganisation = false);

public sealed record NewUser(string Username, string Password, string Role, string DisplayName, string? Organisation = null);

/// <summary>
/// Body of <c>POST /api/patients</c>; pathway is early-discharge, emergency-department or general-practice. The
/// platform refuses an enrolment without the patient's consent to telemonitoring; the simulated patients give it.
/// </summary>
public sealed record NewPatient(
    string Name,
    string BirthDate,
    string Pathway,
    string ResponsibleClinician,
    double OxygenFlow,
    string? Identifier = null,
    string? Phone = null)
{
    public NewConsent Consent { get; init; } = new();
}

/// <summary>The <c>consent</c> object of an enrolment (given now when <see cref="GivenAt"/> is null).</summary>
public sealed record NewConsent(string Scope = "telemonitoring", string? GivenAt = null);

/// <summary>What the simulator reads back of a patient (<c>GET /api/patients</c>); other fields are ignored.</summary>
public sealed record PatientSummary(string PatientId, string Name, string? BirthDate, string? Pathway, string? State, string? Level);

/// <summary>Answer of <c>POST /api/patients/{id}/devices</c>: the secret is shown once.</summary>
public sealed record DeviceBinding(string DeviceId, string Secret);

internal sealed record CreatedPatient(string PatientId);

internal sealed record TokenRequest(string Username, string Password);

internal sealed record DeviceRequest(string DeviceId, string Kind);

internal sealed record Problem(string? Title, int? Status, string? Detail);
