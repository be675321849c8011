using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using ThuisMonitoring.Fhir.Http;
using ThuisMonitoring.Fhir.Tests.Support;
using ThuisMonitoring.Testing;

namespace ThuisMonitoring.Fhir.Tests.Subscriptions;

/// <summary>
/// A host that crashes after storing an alert change but before queueing its Flag push loses nothing: at the next
/// start the push outbox is reconciled with the alert index, and the change is delivered, once. The crash is real
/// (SIGKILL); the moment is made exact by taking the push out of the outbox while the host is down, which leaves the
/// files as a crash between the two writes would.
/// </summary>
public sealed class SubscriptionReconciliationTests
{
    [Fact]
    public async Task A_flag_change_stored_but_not_queued_before_a_crash_is_delivered_after_the_restart()
    {
        using var receiver = new PushReceiver(FreePort.Next());
        var data = Directory.CreateTempSubdirectory("thuismonitoring-fhir-reconcile-").FullName;
        var ports = HostPorts.Free();
        var first = await HostProcess.StartAsync(data, ports, SubscriptionSteps.QuickRetries);
        string patientId;
        string subscriptionId;
        string lost;
        try
        {
            using var admin = await first.LoginAsync();
            var clinician = await SubscriptionSteps.HireAsync(admin);
            var enrolled = await FhirHost.PostAsync(admin, "/fhir", EnrolmentBundles.Enrolment(clinician, null, DateTimeOffset.UtcNow.AddHours(-1)));
            enrolled.Status.Should().Be(HttpStatusCode.Created, enrolled.Body);
            patientId = enrolled.Location!["Patient/".Length..];
            var (deviceId, deviceSecret) = await SubscriptionSteps.BindAsync(admin, patientId);
            subscriptionId = await SubscriptionSteps.SubscribeAsync(admin, patientId, receiver.Url);

            await using var oximeter = await Oximeter.ConnectAsync(first.MqttPort, deviceId, deviceSecret);
            await oximeter.PublishAsync(SubscriptionSteps.Low(DateTimeOffset.UtcNow.AddMinutes(-2), 87));
            lost = (await Eventually.GetAsync(() => Task.FromResult(SubscriptionSteps.QueuedIds(first.Output)), ids => ids.Count == 1, "the alert's push queued", TimeSpan.FromSeconds(60)))
                .Single();
            lost.Should().StartWith(subscriptionId);
        }
        finally
        {
            first.Kill();
            await first.DisposeAsync();
        }

        // The crash came between storing the alert and queueing its push: the alert is in the index, the push is not.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "thuismonitoring.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM fhir_push_outbox WHERE notification_id = $id;";
            delete.Parameters.AddWithValue("$id", lost);
            (await delete.ExecuteNonQueryAsync()).Should().Be(1);
        }

        receiver.Start();
        await using var second = await HostProcess.StartAsync(data, ports, SubscriptionSteps.QuickRetries);
        var received = await Eventually.GetAsync(() => Task.FromResult(receiver.Received.ToList()), r => r.Count >= 1, "the lost push after the restart", TimeSpan.FromSeconds(60));

        received.Select(r => r.NotificationId).Distinct().Should().Equal([lost], "the change is delivered under its own notification id, and nothing else");
        var flag = (Flag)FhirJson.Parse(received[0].Body, out _)!;
        flag.Subject.Reference.Should().Be($"Patient/{patientId}");
        flag.Status.Should().Be(Flag.FlagStatus.Active);
        FhirValidation.ShouldBeValid(flag);
        second.Output.Should().Contain("FHIR push outbox reconciled with the alert index");

        // A second restart offers the change again; the outbox knows it as delivered, so it is not sent twice.
        await second.StopAsync();
        await using var third = await HostProcess.StartAsync(data, ports, SubscriptionSteps.QuickRetries);
        await Eventually.GetAsync(() => Task.FromResult(third.Output), o => o.Contains("FHIR push outbox reconciled with the alert index", StringComparison.Ordinal),
            "the reconciliation of the third start", TimeSpan.FromSeconds(60));
        SubscriptionSteps.QueuedIds(third.Output).Should().BeEmpty("a delivered change is not queued again");
        receiver.Received.Should().HaveCount(received.Count);
        Directory.Delete(data, recursive: true);
    }
}
