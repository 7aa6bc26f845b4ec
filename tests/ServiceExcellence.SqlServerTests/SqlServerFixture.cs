using Testcontainers.MsSql;

namespace ServiceExcellence.SqlServerTests;

/// <summary>
/// One SQL Server 2022 container for the suite. Where no Docker engine answers, <see cref="Unavailable"/>
/// says why and every test skips with that reason.
/// </summary>
public sealed class SqlServerFixture : IAsyncLifetime
{
    private MsSqlContainer? _container;

    public string? Unavailable { get; private set; }

    public string ConnectionString(string database) =>
        _container!.GetConnectionString().Replace("Database=master", $"Database={database}", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        try
        {
            _container = new MsSqlBuilder("mcr.microsoft.com/mssql/server:2022-latest").Build();
            await _container.StartAsync();
        }
        catch (Exception ex)
        {
            Unavailable = $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerFixture>
{
    public const string Name = "SQL Server";
}
