package dev.ebpfmon.module.socket;

import dev.ebpfmon.config.SimplePattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Netdata's {@code hostnames} list of {@code [network connections]}: simple patterns
 * ({@code *.example.com}), each excluded with a leading {@code !}, applied to the names that
 * {@code resolve hostnames = yes} finds. As for ports and addresses, exclusions are tried first;
 * with no inclusions every name not excluded is kept.
 */
record HostnameFilter(SimplePattern included, SimplePattern excluded) {
    static final HostnameFilter ALL = parse("*");

    boolean allows(String hostname) {
        if (excluded.matches(hostname)) {
            return false;
        }
        return included.isEmpty() || included.matches(hostname);
    }

    static HostnameFilter parse(String text) {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (word.startsWith("!")) {
                if (word.length() > 1) {
                    out.add(word.substring(1));
                }
            } else if (!word.isEmpty()) {
                in.add(word);
            }
        }
        return new HostnameFilter(SimplePattern.parse(String.join(" ", in)), SimplePattern.parse(String.join(" ", out)));
    }
}
