using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Google.Protobuf;
using ThuisMonitoring.IntegrationTests.Support;
using ThuisMonitoring.Testing;
using Xunit.Abstractions;

namespace ThuisMonitoring.IntegrationTests.Operations;

/// <summary>
/// Observability for operators: the Prometheus scrape endpoint counts what a real measurement did (accepted,
/// ingestion latency, store commits, alert raised), and with an OTLP endpoint one trace runs from the MQTT publish
/// through the grain call to the SignalR push.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class TelemetryTests(SharedHost site, ITestOutputHelper output)
{
    [Fact]
    public async Task The_scrape_endpoint_counts_a_red_measurement_from_publish_to_alert()
    {
        var before = await ScrapeAsync(site.Host);
        var patient = await site.Ward.AdmitAsync();

        var run = await site.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic,
            Measurement.Json(Measurement.NewMessageId(), spo2: 86, oxygenFlow: 2.0));
        run.PubAckReasonCodes.Should().Equal([0], run.ToString());
        await Eventually.GetAsync(() => site.Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Count > 0, null, "an open alert");

        var after = await Eventually.GetAsync(
            () => ScrapeAsync(site.Host),
            m => Value(m, "thuismonitoring_alerts_raised_total", "level=\"urgent\"") > Value(before, "thuismonitoring_alerts_raised_total", "level=\"urgent\""),
            null,
            "the raised alert counted");
        Value(after, "thuismonitoring_measurements_accepted_total").Should().BeGreaterThan(Value(before, "thuismonitoring_measurements_accepted_total"));
        Value(after, "thuismonitoring_ingestion_duration_milliseconds_count", "topic=\"measurements\"")
            .Should().BeGreaterThan(Value(before, "thuismonitoring_ingestion_duration_milliseconds_count", "topic=\"measurements\""));
        Value(after, "thuismonitoring_store_commit_size_count", "store=\"measurements\"")
            .Should().BeGreaterThan(Value(before, "thuismonitoring_store_commit_size_count", "store=\"measurements\""));
        after.Should().Contain("thuismonitoring_console_connections");
        after.Should().NotContain(patient.Name, "metrics carry no patient data");
    }

    [Fact]
    public async Task Every_metric_the_operations_dashboard_charts_is_scraped()
    {
        // Something to count first: a red measurement, so an alert is raised too (a counter appears once it counted).
        var patient = await site.Ward.AdmitAsync();
        var run = await site.Mosquitto.PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic,
            Measurement.Json(Measurement.NewMessageId(), spo2: 86, oxygenFlow: 2.0));
        run.PubAckReasonCodes.Should().Equal([0], run.ToString());
        await Eventually.GetAsync(() => site.Ward.AlertsOfAsync(patient.PatientId, "open"), a => a.Count > 0, null, "an open alert");
        using var dashboard = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "grafana-operations-dashboard.json")));
        var charted = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray())
            .SelectMany(target => Regex.Matches(target.GetProperty("expr").GetString()!, @"\b([a-z_]+_(?:total|bucket|sum|count|bytes|backlog|connections))\b").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        charted.Should().HaveCountGreaterThan(8);

        var scrape = await Eventually.GetAsync(() => ScrapeAsync(site.Host), m => m.Contains("thuismonitoring_alerts_raised_total", StringComparison.Ordinal), null, "the raised alert counted");

        // The forwarder's metrics exist only with TimeSeries:Provider=InfluxDb (the shared host stores embedded).
        var missing = charted.Where(metric => !metric.StartsWith("thuismonitoring_influxdb_", StringComparison.Ordinal) && !Regex.IsMatch(scrape, $"^{metric}[{{ ]", RegexOptions.Multiline)).ToList();
        missing.Should().BeEmpty("the dashboard charts only what the host exports");
    }

    [Fact]
    public async Task One_trace_runs_from_the_MQTT_publish_to_the_SignalR_push()
    {
        using var collector = new OtlpTraceReceiver();
        await using var host = await HostProcess.StartAsync(settings: new Dictionary<string, string>
        {
            ["Telemetry:Otlp:Endpoint"] = collector.Endpoint.ToString(),
            ["Telemetry:Otlp:Protocol"] = "http/protobuf",
        });
        using var ward = await Ward.OpenAsync(host);
        var patient = await ward.AdmitAsync();

        var run = await new MosquittoClients(host.MqttPort).PublishAsync(MosquittoClients.V5, patient.Device.DeviceId, patient.Device.Secret, patient.Device.MeasurementsTopic,
            Measurement.Json(Measurement.NewMessageId(), spo2: 86, oxygenFlow: 2.0));
        run.PubAckReasonCodes.Should().Equal([0], run.ToString());

        var trace = await Eventually.GetAsync(
            () => Task.FromResult(collector.TraceEndingIn("signalr push alertChanged") ?? []),
            t => t.Any(s => s.Name == "mqtt publish"),
            TimeSpan.FromSeconds(30),
            "a trace with the publish and the push");
        output.WriteLine(string.Join(Environment.NewLine, trace.Select(s => $"{s.SpanId} <- {s.ParentSpanId}: {s.Name}")));
        var publish = trace.Single(s => s.Name == "mqtt publish");
        publish.ParentSpanId.Should().BeEmpty("the trace starts at the device's publish");
        trace.Should().Contain(s => s.Name.Contains("Record", StringComparison.Ordinal) && s.ParentSpanId.Length > 0, "the grain call is part of the trace");
        var push = trace.Single(s => s.Name == "signalr push alertChanged");
        Ancestors(push, trace).Should().Contain(publish.SpanId, "the push descends from the publish");
    }

    private static IEnumerable<string> Ancestors(OtlpSpan span, IReadOnlyList<OtlpSpan> trace)
    {
        var byId = trace.ToDictionary(s => s.SpanId);
        for (var current = span; current.ParentSpanId.Length > 0 && byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            yield return parent.SpanId;
        }
    }

    private static async Task<string> ScrapeAsync(HostProcess host)
    {
        using var response = await host.Http.GetAsync("/metrics");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a metric's samples whose labels contain <paramref name="label"/> (0 when absent).</summary>
    private static double Value(string scrape, string metric, string? label = null) =>
        scrape.Split('\n')
            .Select(line => Regex.Match(line, $@"^{Regex.Escape(metric)}(\{{(?<labels>[^}}]*)\}})? (?<value>[0-9.eE+-]+)"))
            .Where(m => m.Success && (label is null || m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));
}

/// <summary>A span as the OTLP exporter sent it: ids in hex, name.</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name);

/// <summary>
/// A minimal OTLP/HTTP trace receiver for tests: takes <c>POST /v1/traces</c> (protobuf
/// ExportTraceServiceRequest), keeps every span's ids and name (read with Google.Protobuf's wire reader:
/// resource_spans = 1, scope_spans = 2, spans = 2; trace_id = 1, span_id = 2, parent_span_id = 4, name = 5).
/// </summary>
public sealed class OtlpTraceReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentBag<OtlpSpan> _spans = [];

    public OtlpTraceReceiver()
    {
        var port = FreePort.Next();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _ = Task.Run(ReceiveAsync);
    }

    public Uri Endpoint { get; }

    /// <summary>All spans of the first trace that contains a span named <paramref name="name"/>, or null.</summary>
    public IReadOnlyList<OtlpSpan>? TraceEndingIn(string name)
    {
        var spans = _spans.ToList();
        var end = spans.FirstOrDefault(s => s.Name == name);
        return end is null ? null : spans.Where(s => s.TraceId == end.TraceId).ToList();
    }

    public void Dispose() => _listener.Close();

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (context.Request.Url?.AbsolutePath == "/v1/traces")
            {
                foreach (var resourceSpans in Fields(body.ToArray(), 1))
                {
                    foreach (var scopeSpans in Fields(resourceSpans, 2))
                    {
                        foreach (var span in Fields(scopeSpans, 2))
                        {
                            _spans.Add(ReadSpan(span));
                        }
                    }
                }
            }

            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static OtlpSpan ReadSpan(byte[] span)
    {
        string traceId = string.Empty, spanId = string.Empty, parent = string.Empty, name = string.Empty;
        var input = new CodedInputStream(span);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: traceId = Convert.ToHexString(input.ReadBytes().ToByteArray()); break;
                case 2: spanId = Convert.ToHexString(input.ReadBytes().ToByteArray()); break;
                case 4: parent = Convert.ToHexString(input.ReadBytes().ToByteArray()); break;
                case 5: name = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return new OtlpSpan(traceId, spanId, parent, name);
    }

    /// <summary>The length-delimited values of field <paramref name="number"/> in a protobuf message.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        var values = new List<byte[]>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                values.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return values;
    }
}
