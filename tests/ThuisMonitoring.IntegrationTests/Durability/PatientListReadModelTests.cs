using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.IntegrationTests.Durability;

/// <summary>
/// Issue 14, the read model: <c>GET /api/patients</c> answers from the directory and the patients' summaries, so a
/// host restarted on the same data lists every patient without activating a single patient grain (Orleans' own
/// activation counter on /metrics shows it), with the same rows the patient's grain gives. A patient saved before
/// the read model existed (no summary) is still listed: asked from its grain once, and its summary filled in.
/// </summary>
[Collection(RestartCollection.Name)]
public sealed class PatientListReadModelTests
{
    [Fact]
    public async Task After_a_restart_the_patient_list_activates_no_patient_grain_and_shows_what_the_grains_hold()
    {
        AdmittedPatient measured, quiet;
        var messageId = Measurement.NewMessageId();
        // The first host owns (and deletes on dispose) the data directory the second one reuses: disposed last.
        await using var first = await HostProcess.StartAsync();
        using (var ward = await Ward.OpenAsync(first))
        {
            measured = await ward.AdmitAsync();
            quiet = await ward.AdmitAsync(oxygenFlow: 1.5);
            var run = await new MosquittoClients(first.MqttPort).PublishAsync(MosquittoClients.V5, measured.Device.DeviceId, measured.Device.Secret,
                measured.Device.MeasurementsTopic, Measurement.Json(messageId, spo2: 96, heartRate: 76, oxygenFlow: 2.0, measuredAt: DateTimeOffset.UtcNow.AddMinutes(-2)));
            run.PubAckReasonCodes.Should().Equal([0], run.ToString());
            await ward.LastMeasurementIsAsync(measured.PatientId, messageId);
            // Ended episodes have no watch reminder: nothing but a request could activate their grains after the restart.
            foreach (var patient in new[] { measured, quiet })
            {
                using var clinician = await ward.SignInAsync(patient.Clinician);
                using var ended = await clinician.PostAsJsonAsync($"/api/patients/{patient.PatientId}/state", new { state = "ended", reason = "Stabiel zonder zuurstof" });
                ended.StatusCode.Should().Be(HttpStatusCode.OK);
            }
        }

        await first.StopAsync();
        await using var second = await HostProcess.StartAsync(first.DataDirectory, HostPorts.Free());
        using var admin = await second.LoginAsync();

        var before = await PatientActivationsAsync(second);
        var listed = await admin.GetFromJsonAsync<List<JsonElement>>("/api/patients?state=all");
        var after = await PatientActivationsAsync(second);

        before.Should().Be(0, "nothing activated a patient grain at start-up");
        after.Should().Be(0, "the list is read from the read model, not from the grains");
        var rows = listed!.ToDictionary(p => p.GetProperty("patientId").GetString()!);
        rows.Keys.Should().BeEquivalentTo([measured.PatientId, quiet.PatientId]);
        var row = rows[measured.PatientId];
        row.GetProperty("state").GetString().Should().Be("ended");
        row.GetProperty("lastMeasurement").GetProperty("messageId").GetString().Should().Be(messageId);
        row.GetProperty("lastMeasurement").GetProperty("spo2").GetInt32().Should().Be(96);
        rows[quiet.PatientId].GetProperty("oxygenFlow").GetDouble().Should().Be(1.5);
        rows[quiet.PatientId].GetProperty("lastMeasurement").ValueKind.Should().Be(JsonValueKind.Null);

        // The same rows as each patient's grain gives (GET /api/patients/{id} asks the grain: activations from here on).
        foreach (var (patientId, listedRow) in rows)
        {
            var fromGrain = await admin.GetFromJsonAsync<JsonElement>($"/api/patients/{patientId}");
            listedRow.GetRawText().Should().Be(fromGrain.GetRawText());
        }

        (await PatientActivationsAsync(second)).Should().Be(2, "the single-patient reads did activate the two grains (the counter counts)");
    }

    [Fact]
    public async Task A_patient_without_a_summary_is_listed_from_its_grain_and_its_summary_filled_in()
    {
        AdmittedPatient patient;
        await using var first = await HostProcess.StartAsync();
        using (var ward = await Ward.OpenAsync(first))
        {
            patient = await ward.AdmitAsync(oxygenFlow: 3.0);
        }

        await first.StopAsync();
        // What a patient enrolled before the read model looks like: episode and directory record, no summary.
        SummaryRows(first.DataDirectory, patient.PatientId, delete: true).Should().Be(1);

        await using (var second = await HostProcess.StartAsync(first.DataDirectory, HostPorts.Free()))
        {
            using var admin = await second.LoginAsync();
            var listed = (await admin.GetFromJsonAsync<List<PatientView>>("/api/patients"))!;
            listed.Should().ContainSingle(p => p.PatientId == patient.PatientId)
                .Which.Should().Match<PatientView>(p => p.State == "monitoring" && p.Level == "green" && p.OxygenFlow == 3.0 && p.Name == patient.Name);
            await second.StopAsync();
        }

        SummaryRows(first.DataDirectory, patient.PatientId, delete: false).Should().Be(1, "the list filled in the missing summary");
    }

    /// <summary>Orleans' count of patient grain activations created since the host started (<c>orleans_catalog_activation_created_total</c>).</summary>
    private static async Task<long> PatientActivationsAsync(HostProcess host)
    {
        var metrics = await host.Http.GetStringAsync("/metrics");
        return metrics.Split('\n')
            .Where(line => line.StartsWith("orleans_catalog_activation_created_total{", StringComparison.Ordinal) && line.Contains("grain_type=\"patient\"", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(line[(line.IndexOf('}', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    /// <summary>The patient's rows in the read model's file (summaries.db) (deleted first when <paramref name="delete"/>).</summary>
    private static long SummaryRows(string dataDirectory, string patientId, bool delete)
    {
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "summaries.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = delete
                ? "DELETE FROM patient_summaries WHERE patient_id = $patient;"
                : "SELECT count(*) FROM patient_summaries WHERE patient_id = $patient;";
            command.Parameters.AddWithValue("$patient", patientId);
            var result = delete ? command.ExecuteNonQuery() : (long)command.ExecuteScalar()!;
            SqliteConnection.ClearAllPools();
            return result;
        }
    }
}
