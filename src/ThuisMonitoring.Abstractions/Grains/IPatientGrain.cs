using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Abstractions.Grains;

/// <summary>
/// One grain per patient (key: patientId). Hosts the patient's <see cref="Episode"/>: evaluates every
/// measurement against the protocol and owns the patient's alerts.
/// </summary>
public interface IPatientGrain : IGrainWithStringKey
{
    /// <summary>Starts the episode. Enrolling an already enrolled patient is refused.</summary>
    Task Enrol(Enrolment enrolment);

    /// <summary>The episode as it is now; null when the patient was never enrolled.</summary>
    Task<EpisodeSnapshot?> GetEpisode();

    /// <summary>
    /// Evaluates accepted (already durably stored) measurements of one device message, in order;
    /// returns the feedback for the patient on the last one.
    /// </summary>
    Task<PatientFeedback> Record(IReadOnlyList<Measurement> measurements, DeviceKind source);

    Task<Alert> Acknowledge(string alertId, string by);

    Task<Alert> Resolve(string alertId, string by, string outcome, string? note);
}
