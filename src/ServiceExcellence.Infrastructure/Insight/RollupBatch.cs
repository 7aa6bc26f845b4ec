using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Insight;

/// <summary>
/// Additive upserts of rollup rows (<c>INSERT … ON CONFLICT DO UPDATE</c> on SQLite, <c>MERGE … HOLDLOCK</c> on SQL
/// Server), sent in as few commands as fit: race-free because the addition happens in the database, in the save's
/// own transaction.
/// </summary>
internal sealed class RollupBatch(AppDbContext db)
{
    // SQL Server takes at most 2,100 parameters per command: a bulk save (seeding) is sent in several commands.
    private const int MaxParameters = 2_000;

    private readonly bool _sqlite = db.Database.IsSqlite();
    private readonly StringBuilder _sql = new();
    private readonly List<object> _parameters = [];

    /// <summary>Adds <paramref name="measures"/> to the row of <paramref name="table"/> with <paramref name="keys"/>, creating it at zero.</summary>
    public async Task UpsertAsync(string table, IReadOnlyList<(string Name, object Value)> keys,
        IReadOnlyList<(string Name, object Value)> measures, CancellationToken cancellationToken)
    {
        if (_parameters.Count + keys.Count + measures.Count > MaxParameters)
        {
            await FlushAsync(cancellationToken);
        }

        Append(table, keys, measures);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_sql.Length == 0)
        {
            return;
        }

        await db.Database.ExecuteSqlRawAsync(_sql.ToString(), _parameters, cancellationToken);
        _sql.Clear();
        _parameters.Clear();
    }

    private void Append(string table, IReadOnlyList<(string Name, object Value)> keys, IReadOnlyList<(string Name, object Value)> measures)
    {
        string P(object value)
        {
            // As EF Core stores them on SQLite: Guids as upper-case text, decimals as REAL.
            _parameters.Add(_sqlite ? value switch { Guid g => g.ToString().ToUpperInvariant(), decimal m => (double)m, _ => value } : value);
            return "{" + (_parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
        }

        // A measure that does not change is a literal 0 for a new row and is left out of the update: a rating
        // without dimension scores moves a handful of the day's forty measures, and every parameter and every
        // character of the statement is work for the provider and the database on each save.
        var changed = measures.Where(m => !IsZero(m.Value)).Select(m => m.Name).ToHashSet();
        var columns = keys.Select(k => k.Name).Concat(measures.Select(m => m.Name)).ToList();
        var values = keys.Select(k => P(k.Value)).Concat(measures.Select(m => changed.Contains(m.Name) ? P(m.Value) : "0")).ToList();
        if (_sqlite)
        {
            _sql.Append("INSERT INTO \"").Append(table).Append("\" (").AppendJoin(", ", columns.Select(c => $"\"{c}\""))
                .Append(") VALUES (").AppendJoin(", ", values)
                .Append(") ON CONFLICT (").AppendJoin(", ", keys.Select(k => $"\"{k.Name}\""));
            if (changed.Count == 0)
            {
                _sql.Append(") DO NOTHING;\n");
            }
            else
            {
                _sql.Append(") DO UPDATE SET ").AppendJoin(", ", changed.Select(m => $"\"{m}\" = \"{m}\" + excluded.\"{m}\"")).Append(";\n");
            }
        }
        else
        {
            _sql.Append("MERGE [").Append(table).Append("] WITH (HOLDLOCK) AS t USING (SELECT ")
                .AppendJoin(", ", columns.Select((c, i) => $"{values[i]} AS [{c}]"))
                .Append(") AS s ON ").AppendJoin(" AND ", keys.Select(k => $"t.[{k.Name}] = s.[{k.Name}]"));
            if (changed.Count > 0)
            {
                _sql.Append(" WHEN MATCHED THEN UPDATE SET ").AppendJoin(", ", changed.Select(m => $"t.[{m}] = t.[{m}] + s.[{m}]"));
            }

            _sql.Append(" WHEN NOT MATCHED THEN INSERT (").AppendJoin(", ", columns.Select(c => $"[{c}]"))
                .Append(") VALUES (").AppendJoin(", ", columns.Select(c => $"s.[{c}]")).Append(");\n");
        }
    }

    private static bool IsZero(object value) => value switch
    {
        long l => l == 0,
        int i => i == 0,
        decimal m => m == 0,
        double d => d == 0,
        _ => false,
    };
}
