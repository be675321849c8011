namespace ThuisMonitoring.Grains.Tests.Cluster;

[CollectionDefinition(Name)]
public sealed class PatientGrainCollection : ICollectionFixture<PatientGrainCluster>
{
    public const string Name = "patient grain cluster";
}
