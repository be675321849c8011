using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ThuisMonitoring.IntegrationTests.Support;

namespace ThuisMonitoring.IntegrationTests.Api;

/// <summary>
/// Issue 14: <c>GET /api/patients</c> is answered gzip-compressed to a client that accepts it (as a browser does),
/// with the same rows as the uncompressed answer to a client that does not.
/// </summary>
[Collection(SharedHostCollection.Name)]
public sealed class PatientListCompressionTests(SharedHost site)
{
    [Fact]
    public async Task The_list_is_compressed_for_a_client_that_accepts_gzip_and_plain_for_one_that_does_not()
    {
        var patient = await site.Ward.AdmitAsync();

        using var plainRequest = new HttpRequestMessage(HttpMethod.Get, "/api/patients");
        using var plain = await site.Ward.Admin.SendAsync(plainRequest);
        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, "/api/patients");
        gzipRequest.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var compressed = await site.Ward.Admin.SendAsync(gzipRequest);

        plain.StatusCode.Should().Be(HttpStatusCode.OK);
        plain.Content.Headers.ContentEncoding.Should().BeEmpty();
        plain.Content.Headers.ContentType!.ToString().Should().Be("application/json; charset=utf-8", "as Results.Ok answered before the rows were written ready-made");
        compressed.StatusCode.Should().Be(HttpStatusCode.OK);
        compressed.Content.Headers.ContentEncoding.Should().Equal("gzip");
        await using var unzipped = new GZipStream(await compressed.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var rows = await JsonSerializer.DeserializeAsync<JsonElement>(unzipped);
        var plainRows = JsonDocument.Parse(await plain.Content.ReadAsStringAsync()).RootElement;
        Ids(rows).Should().Contain(patient.PatientId);
        Ids(plainRows).Should().Contain(patient.PatientId);
    }

    private static IEnumerable<string> Ids(JsonElement rows) => rows.EnumerateArray().Select(r => r.GetProperty("patientId").GetString()!);
}
