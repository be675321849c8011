using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ThuisMonitoring.IntegrationTests.Support;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Transport;

/// <summary>
/// Issue 9: anyone can reach the login, so it reads no more than a few KB (413 problem details); signed-in callers
/// keep a larger limit (1 MB) for their bodies.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class RequestSizeLimitTests(SharedHost shared, ITestOutputHelper output) : IDisposable
{
    private readonly HostLog _log = new(shared.Host, output);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_login_request_of_64_KB_is_refused_with_413_problem_details(bool withContentLength)
    {
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { username = "admin", password = new string('x', 64 * 1024) }));
        HttpContent content = withContentLength ? new ByteArrayContent(body) : new UnsizedContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/token") { Content = content };
        request.Headers.ExpectContinue = true;
        using var response = await shared.Host.Http.SendAsync(request);

        await ExpectTooLargeAsync(response);
    }

    [Fact]
    public async Task A_normal_login_is_still_answered()
    {
        using var response = await shared.Host.Http.PostAsJsonAsync("/api/auth/token", new { username = "admin", password = Testing.HostProcess.AdminPassword });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_signed_in_request_of_64_KB_is_read_and_answered_on_its_merits()
    {
        var clinician = await shared.Ward.HireAsync("clinician");
        using var response = await shared.Ward.Admin.PostAsJsonAsync("/api/patients", new
        {
            name = new string('n', 64 * 1024),
            birthDate = "1950-03-01",
            pathway = "early-discharge",
            responsibleClinician = clinician.Username,
            oxygenFlow = 2.0,
            consent = new { scope = "telemonitoring" },
        });

        ((int)response.StatusCode).Should().BeOneOf([201, 400], "the body was read and judged, not refused for its size");
    }

    [Fact]
    public async Task A_signed_in_request_over_1_MB_is_refused_with_413()
    {
        // Expect: 100-continue, as large uploads do: the client sends the body only once the server wants it, so the
        // 413 cannot race the upload (the server closes the connection after it, mid-upload otherwise).
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/patients")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name = new string('n', 1100 * 1024) }), Encoding.UTF8, "application/json"),
        };
        request.Headers.ExpectContinue = true;
        using var response = await shared.Ward.Admin.SendAsync(request);

        await ExpectTooLargeAsync(response);
    }

    [Fact]
    public async Task MQTT_over_WebSocket_is_not_held_to_the_login_limit_a_600_measurement_backlog_is_taken()
    {
        var patient = await shared.Ward.AdmitAsync();
        await using var device = MqttDevice.OverWebSocket(patient.Device, shared.Host.BaseAddress);
        (await device.ConnectAsync()).Should().Be(MQTTnet.MqttClientConnectResultCode.Success);
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        var ids = Enumerable.Range(0, 600).Select(_ => Measurement.NewMessageId()).ToList();
        var backlog = "[" + string.Join(',', ids.Select((id, i) => Measurement.Json(id, spo2: 96, oxygenFlow: 2.0, measuredAt: start.AddSeconds(i * 10)))) + "]";
        Encoding.UTF8.GetByteCount(backlog).Should().BeGreaterThan(32 * 1024, "well over the 8 KB of anonymous request bodies");

        (await device.PublishMeasurementAsync(Encoding.UTF8.GetBytes(backlog))).Should().Be(MQTTnet.MqttClientPublishReasonCode.Success);

        await shared.Ward.LastMeasurementIsAsync(patient.PatientId, ids[^1]);
    }

    public void Dispose() => _log.Dispose();

    private static async Task ExpectTooLargeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(text);
        problem.RootElement.GetProperty("status").GetInt32().Should().Be(413);
        problem.RootElement.GetProperty("detail").GetString().Should().Contain("too large");
    }

    /// <summary>A body sent chunked, without Content-Length: the limit must hold while reading too.</summary>
    private sealed class UnsizedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
