using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Integrations;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(Limits.Name);
        builder.Property(k => k.SourceSystem).HasMaxLength(Limits.SourceSystem);
        builder.Property(k => k.Prefix).HasMaxLength(Limits.ApiKeyPrefix);
        builder.Property(k => k.Hash).HasMaxLength(Limits.Hash).IsFixedLength();

        // Every API request looks its key up by hash.
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(k => k.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TransactionImportConfiguration : IEntityTypeConfiguration<TransactionImport>
{
    public void Configure(EntityTypeBuilder<TransactionImport> builder)
    {
        builder.Property(i => i.FileName).HasMaxLength(Limits.Name);
        builder.Property(i => i.SourceSystem).HasMaxLength(Limits.SourceSystem);
        builder.Property(i => i.Mapping).HasMaxLength(2_000);
        builder.Property(i => i.Error).HasMaxLength(1_000);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);

        // The worker's claim query: queued imports and running ones whose lease ran out.
        builder.HasIndex(i => new { i.Status, i.LeaseUntil });
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.UploadedById).OnDelete(DeleteBehavior.Cascade);
    }
}
