using System.Text.Json;
using ThuisMonitoring.Domain.Episodes;
using ThuisMonitoring.Domain.Measurements;

namespace ThuisMonitoring.Storage.Tests;

public sealed class StoredJsonTests
{
    [Theory]
    [InlineData(Feeling.MuchWorse, "\"much-worse\"")]
    [InlineData(Pathway.EarlyDischarge, "\"early-discharge\"")]
    [InlineData(DeviceKind.PatientApp, "\"patient-app\"")]
    public void Enums_are_stored_as_their_kebab_case_codes(object value, string json)
    {
        JsonSerializer.Serialize(value, value.GetType(), StoredJson.Options).Should().Be(json);
        JsonSerializer.Deserialize(json, value.GetType(), StoredJson.Options).Should().Be(value);
    }

    [Fact]
    public void A_patient_record_round_trips_with_its_birth_date_and_offset()
    {
        var patient = Ward.Patient();

        var json = JsonSerializer.Serialize(patient, StoredJson.Options);

        json.Should().Contain("\"birthDate\":\"1956-03-09\"").And.Contain("+02:00");
        JsonSerializer.Deserialize<Abstractions.Stores.PatientRecord>(json, StoredJson.Options).Should().Be(patient);
    }
}
