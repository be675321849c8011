using System.Net.Http.Json;
using System.Text.Json;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.BrowserTests;

/// <summary>Measurements for a patient's trend charts: published over MQTT, then awaited in the vitals API.</summary>
public static class PatientTrends
{
    /// <summary>Publishes the measurements in order and waits until the vitals API holds all of their SpO2 values.</summary>
    public static async Task MeasureAsync(HostProcess host, EnrolledPatient patient, IReadOnlyList<MeasurementMessage> measurements)
    {
        await using (var oximeter = await Oximeter.ConnectAsync(host.MqttPort, patient))
        {
            foreach (var measurement in measurements)
            {
                await oximeter.MeasureAsync(measurement);
            }
        }

        var expected = measurements.Count(m => m.Spo2 is not null);
        using var admin = await host.LoginAsync();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var trend = await admin.GetFromJsonAsync<JsonElement>($"/api/patients/{patient.PatientId}/vitals?sign=spo2");
            if (trend.GetProperty("values").GetArrayLength() >= expected)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The vitals API did not show {expected} SpO2 values of {patient.Name} within 15 s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A spot check taken <paramref name="ago"/> before now on 2 L/min.</summary>
    public static MeasurementMessage Ago(TimeSpan ago, int spo2, int heartRate, int respiratoryRate, double oxygenFlow = 2.0) =>
        new(DateTimeOffset.UtcNow - ago, Guid.NewGuid().ToString("N"), spo2, heartRate, respiratoryRate, oxygenFlow);
}
