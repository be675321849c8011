using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Grains.Tests.Cluster;

/// <summary>Patients and measurements as the ward sees them, for the grain tests.</summary>
public static class Ward
{
    /// <summary>The home flow patients in these tests are on: oxygen, below the 3 L/min home maximum.</summary>
    public const double HomeOxygenFlow = 1.0;

    /// <summary>A patient id no other test uses, so tests can share one silo.</summary>
    public static string NewPatientId(string purpose) => $"{purpose}-{Guid.NewGuid():N}";

    public static Enrolment EarlyDischarge(string patientId, DateTimeOffset at) => new(
        PatientId: patientId,
        Pathway: Pathway.EarlyDischarge,
        ResponsibleClinician: "dr.jansen",
        Organisation: "ziekenhuis-oost",
        OxygenFlow: HomeOxygenFlow,
        Thresholds: null,
        EnrolledAt: at);

    public static Measurement Spo2(int spo2, DateTimeOffset at) =>
        new(MeasuredAt: at, Spo2: spo2, HeartRate: 80, MessageId: Guid.NewGuid().ToString("N"));
}
