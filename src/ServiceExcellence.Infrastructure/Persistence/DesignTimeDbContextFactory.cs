using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ServiceExcellence.Infrastructure.Persistence;

/// <summary>
/// Used by <c>dotnet ef</c>: <c>-- --provider SqlServer</c> selects the provider (default Sqlite);
/// <c>-- --connection "..."</c> a database. Generating migrations needs no running server.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var provider = Enum.Parse<DatabaseProvider>(ArgumentAfter(args, "--provider") ?? nameof(DatabaseProvider.Sqlite), ignoreCase: true);
        var connection = ArgumentAfter(args, "--connection") ?? (provider == DatabaseProvider.SqlServer
            ? "Server=localhost;Database=ServiceExcellence;Integrated Security=true;TrustServerCertificate=true"
            : DatabaseOptions.DefaultSqliteConnection);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DbContextConfigurator.Configure(options, provider, connection);
        return new AppDbContext(options.Options);
    }

    private static string? ArgumentAfter(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
