using ThuisMonitoring.Abstractions.Stores;
using ThuisMonitoring.Domain.Alerts;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;
using ThuisMonitoring.Domain.Protocols;

namespace ThuisMonitoring.Storage.Tests;

/// <summary>Realistic records of one ward, with non-UTC offsets so that offsets must survive storage.</summary>
public static class Ward
{
    public static readonly TimeSpan Amsterdam = TimeSpan.FromHours(2);

    public static readonly DateTimeOffset MorningRound = new(2024, 10, 14, 8, 30, 15, Amsterdam);

    public static UserAccount Nurse(string username = "nurse.jansen") =>
        new(username, "pbkdf2$100000$c2FsdA==$aGFzaA==", Roles.Nurse, "Anna Jansen", "Ziekenhuis Oost", MorningRound.AddDays(-30));

    public static PatientRecord Patient(string patientId = "p-001", DateTimeOffset? enrolledAt = null) =>
        new(patientId, "Henk de Vries", new DateOnly(1956, 3, 9), "999911120", Pathway.EarlyDischarge, "dr.bakker", "Ziekenhuis Oost",
            enrolledAt ?? MorningRound.AddDays(-2));

    public static DeviceBinding Oximeter(string deviceId = "oxi-001", string patientId = "p-001", DateTimeOffset? boundAt = null) =>
        new(deviceId, patientId, DeviceKind.Oximeter, "sha256$c2VjcmV0", "Ziekenhuis Oost", boundAt ?? MorningRound.AddDays(-2));

    public static StoredMeasurement Reading(
        string? messageId,
        DateTimeOffset? measuredAt = null,
        string deviceId = "oxi-001",
        string patientId = "p-001",
        int spo2 = 94) =>
        new(patientId, deviceId, "Ziekenhuis Oost", DeviceKind.Oximeter,
            new Measurement(measuredAt ?? MorningRound, Spo2: spo2, HeartRate: 88, RespiratoryRate: 19, OxygenFlow: 2.5, Temperature: 37.8,
                PerfusionIndex: 1.25, Feeling: Feeling.MuchWorse, Exertion: true, MessageId: messageId),
            (measuredAt ?? MorningRound).AddSeconds(1.2345678),
            Artefact: false);

    /// <summary>A patient's episode as the grain keeps it: enrolled, measured low, alerted, one alert acknowledged.</summary>
    public static EpisodeSnapshot EpisodeWithAlerts()
    {
        var alertNumber = 0;
        var episode = Episode.Start(new Enrolment("p-001", Pathway.EmergencyDepartment, "dr.bakker", "Ziekenhuis Oost", 2.0,
            new ThresholdOverrides(MaxHomeOxygenFlow: 4.0), MorningRound.AddDays(-1)));
        episode.Record(new Measurement(MorningRound, Spo2: 93, HeartRate: 80, RespiratoryRate: 16, Temperature: 37.0, MessageId: "m-1"),
            CovidOxygenProtocol.Default, MorningRound.AddSeconds(2), () => $"a-{++alertNumber}");
        episode.Alerts.Acknowledge("a-1", "nurse.jansen", MorningRound.AddMinutes(3));
        episode.Record(new Measurement(MorningRound.AddMinutes(30), Spo2: 89, RespiratoryRate: 26, Feeling: Feeling.Worse, MessageId: "m-2"),
            CovidOxygenProtocol.Default, MorningRound.AddMinutes(30.5), () => $"a-{++alertNumber}");
        return episode.ToSnapshot();
    }

    public static Alert Alert(string alertId, DateTimeOffset raisedAt, AlertStatus status = AlertStatus.Open, Level level = Level.Orange) =>
        new(alertId, "p-001", level, ["spo2-low", "respiratory-rate-high"],
            [new Finding("spo2-low", level, "spo2", 92), new Finding("respiratory-rate-high", Level.Orange, "respiratoryRate", 23)],
            raisedAt, raisedAt, raisedAt.AddSeconds(-3), "m-42", "covid-oxygen@1", 1, status);
}
