using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ThuisMonitoring.InfluxDb.Client;
using ThuisMonitoring.InfluxDb.Forwarding;

namespace ThuisMonitoring.InfluxDb.Tests;

/// <summary>The client's HTTP behaviour, against a stand-in server: what it sends, what it retries, what it does not.</summary>
public sealed class InfluxDbClientTests
{
    private static readonly string[] Lines = ["vitals,patient=p1 spo2=95i 1000", "vitals,patient=p1 spo2=94i 2000"];

    [Fact]
    public async Task A_write_posts_gzipd_lines_to_write_with_database_policy_and_millisecond_precision()
    {
        var stub = new StubInfluxDb((_, _) => StubInfluxDb.Status(HttpStatusCode.NoContent));
        using var client = Client(stub, new InfluxDbOptions { Url = "http://influx.test:8086/prefix", Database = "thuis monitoring" });

        (await client.WriteAsync(Lines, CancellationToken.None)).Should().Be(WriteOutcome.Written);

        var (request, body) = stub.Requests.Should().ContainSingle().Subject;
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri!.AbsoluteUri.Should().Be("http://influx.test:8086/prefix/write?db=thuis%20monitoring&precision=ms&rp=raw");
        request.Content!.Headers.ContentEncoding.Should().Equal("gzip");
        body.Should().Be(string.Join("", Lines.Select(l => l + "\n")));
        request.Headers.Authorization.Should().BeNull();
    }

    [Fact]
    public async Task Username_and_password_go_as_basic_authentication()
    {
        var stub = new StubInfluxDb((_, _) => StubInfluxDb.Status(HttpStatusCode.NoContent));
        using var client = Client(stub, new InfluxDbOptions { Username = "schrijver", Password = "geheim:1" });

        await client.WriteAsync(Lines, CancellationToken.None);

        stub.Requests.Single().Request.Headers.Authorization.Should().Be(new AuthenticationHeaderValue("Basic", Convert.ToBase64String("schrijver:geheim:1"u8.ToArray())));
    }

    [Fact]
    public async Task A_token_wins_over_username_and_password()
    {
        var stub = new StubInfluxDb((request, _) => request.RequestUri!.AbsolutePath == "/query"
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"results\":[{\"statement_id\":0}]}") }
            : StubInfluxDb.Status(HttpStatusCode.NoContent));
        using var client = Client(stub, new InfluxDbOptions { Username = "schrijver", Password = "geheim", Token = "tok-123" });

        await client.WriteAsync(Lines, CancellationToken.None);
        await client.QueryAsync("SHOW DATABASES", changesSchema: false, CancellationToken.None);

        stub.Requests.Select(r => r.Request.Headers.Authorization).Should().AllBeEquivalentTo(new AuthenticationHeaderValue("Token", "tok-123"));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    public async Task Overload_and_server_errors_are_retried_until_the_write_is_taken(HttpStatusCode failure)
    {
        var calls = 0;
        var stub = new StubInfluxDb((_, _) => Interlocked.Increment(ref calls) <= 2 ? RetryAfterZero(failure) : StubInfluxDb.Status(HttpStatusCode.NoContent));
        using var client = Client(stub, new InfluxDbOptions { MaxRetryAttempts = 3 });

        (await client.WriteAsync(Lines, CancellationToken.None)).Should().Be(WriteOutcome.Written);

        stub.Requests.Should().HaveCount(3);
        stub.Requests.Select(r => r.Body).Distinct().Should().ContainSingle("every attempt sends the same lines");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, WriteStatus.Rejected)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, WriteStatus.Rejected)]
    [InlineData(HttpStatusCode.NotFound, WriteStatus.DatabaseMissing)]
    public async Task Answers_about_the_data_are_not_retried(HttpStatusCode answer, WriteStatus status)
    {
        var stub = new StubInfluxDb((_, _) => StubInfluxDb.Status(answer, "field type conflict"));
        using var client = Client(stub, new InfluxDbOptions { MaxRetryAttempts = 3 });

        var outcome = await client.WriteAsync(Lines, CancellationToken.None);

        outcome.Should().Be(new WriteOutcome(status, "field type conflict"));
        stub.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task A_server_that_stays_down_is_reported_unavailable_after_the_retries()
    {
        var stub = new StubInfluxDb((_, _) => throw new HttpRequestException("connection refused"));
        using var client = Client(stub, new InfluxDbOptions { MaxRetryAttempts = 1 });

        await client.Invoking(c => c.WriteAsync(Lines, CancellationToken.None)).Should().ThrowAsync<InfluxDbUnavailableException>();
        stub.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task The_next_attempt_waits_exactly_as_long_as_retry_after_asks(HttpStatusCode status)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var calls = 0;
        var stub = new StubInfluxDb((_, _) =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                return StubInfluxDb.Status(HttpStatusCode.NoContent);
            }

            var busy = StubInfluxDb.Status(status);
            busy.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(20));
            return busy;
        });
        using var client = new InfluxDbClient(new InfluxDbOptions { Url = "http://influx.test:8086" }, NullLogger<InfluxDbClient>.Instance, time, stub);

        var write = client.WriteAsync(Lines, CancellationToken.None);
        await Until(() => stub.Requests.Count == 1);
        await Task.Delay(100);
        time.Advance(TimeSpan.FromSeconds(19.9));
        await Task.Delay(200);
        stub.Requests.Should().HaveCount(1, "Retry-After asked for 20 seconds");

        time.Advance(TimeSpan.FromSeconds(0.1));

        (await write.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be(WriteOutcome.Written);
        stub.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task A_failing_server_opens_the_circuit_so_it_is_left_alone_for_a_while()
    {
        var stub = new StubInfluxDb((_, _) => StubInfluxDb.Status(HttpStatusCode.InternalServerError, "engine: cache maximum memory size exceeded"));
        using var client = Client(stub, new InfluxDbOptions { MaxRetryAttempts = 0 });

        for (var attempt = 0; attempt < 6; attempt++)
        {
            await client.Invoking(c => c.WriteAsync(Lines, CancellationToken.None)).Should().ThrowAsync<InfluxDbUnavailableException>();
        }

        stub.Requests.Should().HaveCount(4, "after four failures the circuit opens and later writes do not reach the server");
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, 7, 7)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 30, 30)]
    [InlineData(HttpStatusCode.ServiceUnavailable, 3600, 60)]
    public void Retry_after_seconds_on_429_and_503_set_the_pause_up_to_a_minute(HttpStatusCode status, int seconds, int expectedSeconds)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));

        InfluxDbClient.RetryAfter(response, TimeProvider.System).Should().Be(TimeSpan.FromSeconds(expectedSeconds));
    }

    [Fact]
    public void Retry_after_as_a_date_is_the_time_until_then()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(12));

        InfluxDbClient.RetryAfter(response, time).Should().Be(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void Retry_after_on_other_answers_leaves_the_pause_to_the_backoff()
    {
        var response = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));

        InfluxDbClient.RetryAfter(response, TimeProvider.System).Should().BeNull();
    }

    [Fact]
    public async Task A_batch_with_bad_lines_is_split_until_only_the_bad_lines_are_quarantined()
    {
        using var data = new TemporaryDirectory();
        var stub = new StubInfluxDb((request, body) => request.RequestUri!.AbsolutePath.EndsWith("/write", StringComparison.Ordinal)
            && body.Contains("device=refused", StringComparison.Ordinal)
                ? StubInfluxDb.Status(HttpStatusCode.BadRequest, "partial write: field type conflict")
                : StubInfluxDb.Status(HttpStatusCode.NoContent));
        var options = Site.QuickOptions("http://influx.test:8086", "thuismonitoring");
        options.CreateDatabase = false;
        await using var site = await Site.OpenAsync(data.Path, options, handler: stub);
        var stored = Enumerable.Range(0, 64).Select(n => Ward.Oximeter("p1", n, device: n is 5 or 40 ? "refused" : "ox-1")).ToList();
        await Ward.StoreAsync(site.Measurements, stored);

        await site.DrainedAsync();

        var written = stub.Requests.Where(r => r.Request.RequestUri!.AbsolutePath == "/write" && !r.Body.Contains("refused", StringComparison.Ordinal))
            .SelectMany(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Distinct().Count();
        written.Should().Be(62);
        site.Forwarder.Quarantined.Should().Be(2);
        var quarantine = await File.ReadAllLinesAsync(Directory.GetFiles(Path.Combine(data.Path, Quarantine.DirectoryName)).Single());
        quarantine.Where(l => !l.StartsWith('#')).Should().HaveCount(2).And.AllSatisfy(l => l.Should().Contain("device=refused"));
        quarantine.Where(l => l.StartsWith('#')).Should().AllSatisfy(l => l.Should().Contain("field type conflict"));
    }

    [Fact]
    public async Task A_proxy_answering_html_during_setup_delays_the_forwarder_but_does_not_stop_it()
    {
        using var data = new TemporaryDirectory();
        var queries = 0;
        var stub = new StubInfluxDb((request, _) => request.RequestUri!.AbsolutePath == "/query"
            ? Interlocked.Increment(ref queries) <= 2
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>502 Bad Gateway</html>") }
                : new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"results\":[{\"statement_id\":0}]}") }
            : StubInfluxDb.Status(HttpStatusCode.NoContent));
        await using var site = await Site.OpenAsync(data.Path, Site.QuickOptions("http://influx.test:8086", "thuismonitoring"), handler: stub);
        await Ward.StoreAsync(site.Measurements, Enumerable.Range(0, 10).Select(n => Ward.Oximeter("p1", n)));

        await site.DrainedAsync();

        site.Forwarder.Forwarded.Should().Be(10);
        queries.Should().BeGreaterThan(2);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            DateTime.UtcNow.Should().BeBefore(deadline);
            await Task.Delay(10);
        }
    }

    private static HttpResponseMessage RetryAfterZero(HttpStatusCode status)
    {
        var response = StubInfluxDb.Status(status);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
        return response;
    }

    private static InfluxDbClient Client(StubInfluxDb stub, InfluxDbOptions options)
    {
        if (options.Url == new InfluxDbOptions().Url)
        {
            options.Url = "http://influx.test:8086";
        }

        return new InfluxDbClient(options, NullLogger<InfluxDbClient>.Instance, handler: stub);
    }
}
