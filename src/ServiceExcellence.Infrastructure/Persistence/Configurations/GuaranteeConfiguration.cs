using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Common;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.Transactions;

namespace ServiceExcellence.Infrastructure.Persistence.Configurations;

internal sealed class GuaranteeInvocationConfiguration : IEntityTypeConfiguration<GuaranteeInvocation>
{
    public void Configure(EntityTypeBuilder<GuaranteeInvocation> builder)
    {
        builder.Property(g => g.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(g => g.Currency).HasMaxLength(Limits.Currency).IsFixedLength();
        builder.Property(g => g.Reason).HasMaxLength(GuaranteeInvocation.MaxReasonLength);
        builder.Property(g => g.PresidentNotes).HasMaxLength(4_000);
        builder.Ignore(g => g.Credit);

        // The desk: open ones first, oldest first; per-client history; at most one open per transaction (checked in the use case).
        builder.HasIndex(g => new { g.Status, g.CreatedAt });
        builder.HasIndex(g => new { g.ClientId, g.CreatedAt });
        builder.HasIndex(g => g.TransactionId);

        // Dashboards: invocations made, or settled, in a date range (read through both indexes, not the whole table).
        builder.HasIndex(g => g.CreatedAt);
        builder.HasIndex(g => g.SettledAt);
        builder.HasOne<Client>().WithMany().HasForeignKey(g => g.ClientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Contact>().WithMany().HasForeignKey(g => g.ContactId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne<Transaction>().WithMany().HasForeignKey(g => g.TransactionId).OnDelete(DeleteBehavior.NoAction);
        builder.HasMany(g => g.Audit).WithOne().HasForeignKey(e => e.InvocationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(g => g.Audit).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class GuaranteeAuditEntryConfiguration : IEntityTypeConfiguration<GuaranteeAuditEntry>
{
    public void Configure(EntityTypeBuilder<GuaranteeAuditEntry> builder)
    {
        builder.ToTable("GuaranteeAudit");
        builder.Property(e => e.Field).HasMaxLength(60);
        builder.Property(e => e.Before).HasMaxLength(4_000);
        builder.Property(e => e.After).HasMaxLength(4_000);
    }
}
