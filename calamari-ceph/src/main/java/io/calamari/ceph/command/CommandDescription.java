package io.calamari.ceph.command;

import static java.util.Objects.requireNonNull;

import io.calamari.ceph.command.CephCommand.Target;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One command of Ceph's {@code get_command_descriptions} answer, for example {@code "cmd396": {"sig":
 * ["osd", "dump", {"name": "epoch", "type": "CephInt", "range": "0", "req": "false"}], "help": "print
 * summary of OSD map", "module": "osd", "perm": "r", "flags": 0}}, with the daemon that runs it: the
 * manager for the manager's own commands (listed by the manager, or by the monitors with the {@link
 * Flag#MGR} flag), the monitors otherwise. Immutable.
 */
public record CommandDescription(
        String id,
        List<ArgumentDescription> signature,
        String help,
        String module,
        String permissions,
        int flags,
        Target target) {

    /** The bits of {@code flags}, as Ceph's {@code MonCommand.h} defines them. */
    public enum Flag {
        NO_FORWARD(1),
        /** Gone; the CLI never matches it. */
        OBSOLETE(1 << 1),
        /** Still works, but the CLI leaves it out of its suggestions. */
        DEPRECATED(1 << 2),
        /** Run by the manager although the monitors list it. */
        MGR(1 << 3),
        /** The CLI repeats it until interrupted ({@code iostat}); here it runs once. */
        POLL(1 << 4),
        /** Left out of help and suggestions. */
        HIDDEN(1 << 5);

        private final int bit;

        Flag(int bit) {
            this.bit = bit;
        }

        public int bit() {
            return bit;
        }
    }

    public CommandDescription {
        requireNonNull(id, "id");
        signature = List.copyOf(signature);
        requireNonNull(help, "help");
        requireNonNull(module, "module");
        requireNonNull(permissions, "permissions");
        requireNonNull(target, "target");
    }

    public boolean has(Flag flag) {
        return (flags & flag.bit()) != 0;
    }

    /** The literal words, e.g. {@code osd pool create}: the {@code prefix} sent to Ceph. */
    public String prefix() {
        return signature.stream()
                .filter(argument -> argument.type() == ArgumentType.PREFIX)
                .map(argument -> argument.attribute("prefix"))
                .collect(Collectors.joining(" "));
    }

    /** The usage line the {@code ceph} CLI prints, e.g. {@code osd dump [<epoch:int>]}. */
    public String usage() {
        return signature.stream().map(ArgumentDescription::usage).collect(Collectors.joining(" "));
    }
}
