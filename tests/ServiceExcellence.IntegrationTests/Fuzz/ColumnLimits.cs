using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Fuzz;

/// <summary>
/// What SQLite stores without complaint but SQL Server (the production database) would refuse with an error: a
/// string longer than its column's maximum length, or an amount beyond its decimal column's precision.
/// </summary>
public static class ColumnLimits
{
    /// <summary>Every stored value that would not fit its column on SQL Server, as "Table.Column: count"; empty when all fit.</summary>
    public static Task<List<string>> ViolationsAsync(AppFactory app) => app.QueryAsync(async db =>
    {
        var violations = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName(store) is not { } column)
                {
                    continue;
                }

                string? condition = null;
                if (property.ClrType == typeof(string) && property.GetMaxLength() is { } max)
                {
                    condition = $"length(\"{column}\") > {max}";
                }
                else if ((Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) == typeof(decimal))
                {
                    // SQL Server keeps amounts as decimal(18, 2) unless a column says otherwise.
                    var digits = (property.GetPrecision() ?? 18) - (property.GetScale() ?? 2);
                    condition = $"abs(CAST(\"{column}\" AS REAL)) >= 1e{digits}";
                }

                if (condition is null)
                {
                    continue;
                }

                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {condition}";
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) is var count and > 0)
                {
                    violations.Add($"{table}.{column} ({condition}): {count}");
                }
            }
        }

        return violations;
    });
}
