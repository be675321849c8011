namespace ThuisMonitoring.Domain.Organisations;

/// <summary>
/// A hospital, general practice or monitoring centre of the region. Staff belong to one; a patient belongs to the
/// organisation of their responsible clinician. <see cref="SharePatientsWithinOrganisation"/>: every clinician of the
/// organisation sees its patients, not only the responsible one.
/// </summary>
public sealed record Organisation(string Id, string Name, OrganisationKind Kind, bool SharePatientsWithinOrganisation, DateTimeOffset CreatedAt);
