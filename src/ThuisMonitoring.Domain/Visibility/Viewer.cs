namespace ThuisMonitoring.Domain.Visibility;

/// <summary>
/// Who is looking: username, role (admin, nurse, clinician, patient, privacy-officer), the organisation they belong to
/// (null: none, see <see cref="VisibilityRule"/>) and, for a patient, the patient they are.
/// </summary>
public sealed record Viewer(string Username, string Role, string? Organisation, string? PatientId = null);
