package dev.ebpfmon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimplePatternTest {

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "*            | anything      | true",
            "*            | ''            | true",
            "!*           | anything      | false",
            "foo          | foo           | true",
            "foo          | foobar        | false",
            "foo          | xfoo          | false",
            "foo*         | foobar        | true",
            "foo*         | foo           | true",
            "foo*         | xfoo          | false",
            "*bar         | foobar        | true",
            "*bar         | barx          | false",
            "*oo*         | foobar        | true",
            "*oo*         | fobar         | false",
            "a*b*c        | abc           | true",
            "a*b*c        | aXXbYYc       | true",
            "a*b*c        | acb           | false",
            "a*b*c        | abcx          | false",
            "a*b*c        | ab            | false",
            "a*a          | a             | false",
            "a*a          | aa            | true",
            "ab*ba        | aba           | false",
            "a**b         | ab            | true",
            "a*bc*bc      | abcbc         | true",
            "a*bc*bc      | abc           | false",
            "!foo* *      | foobar        | false",
            "!foo* *      | barfoo        | true",
            "* !foo*      | foobar        | true",
            "!a b         | c             | false",
            "x y z        | y             | true",
    })
    void matches(String pattern, String subject, boolean expected) {
        assertThat(SimplePattern.parse(pattern).matches(subject)).isEqualTo(expected);
    }

    @Test
    void emptyPatternMatchesNothing() {
        for (String p : new String[] {"", "   ", "\t\n", null}) {
            SimplePattern sp = SimplePattern.parse(p);
            assertThat(sp.isEmpty()).isTrue();
            assertThat(sp.matches("")).isFalse();
            assertThat(sp.matches("x")).isFalse();
            assertThat(sp.decide("x")).isEmpty();
        }
    }

    @Test
    void decideDistinguishesNegativeMatchFromNoMatch() {
        SimplePattern p = SimplePattern.parse("!*.tmp *.log");
        assertThat(p.decide("a.log")).contains(true);
        assertThat(p.decide("a.tmp")).contains(false);
        assertThat(p.decide("a.txt")).isEmpty();
        assertThat(p.matches("a.txt")).isFalse();
    }

    @Test
    void firstMatchingWordWinsSoOrderMatters() {
        assertThat(SimplePattern.parse("!eth0 eth*").matches("eth0")).isFalse();
        assertThat(SimplePattern.parse("eth* !eth0").matches("eth0")).isTrue();
        assertThat(SimplePattern.parse("eth* !eth0").matches("eth1")).isTrue();
    }

    @Test
    void wordsMaybeSeparatedByAnyWhitespace() {
        SimplePattern p = SimplePattern.parse("  a\tb \n c  ");
        assertThat(p.matches("a")).isTrue();
        assertThat(p.matches("b")).isTrue();
        assertThat(p.matches("c")).isTrue();
        assertThat(p.matches("a b")).isFalse();
        assertThat(p).hasToString("a\tb \n c");
    }

    @Test
    void caseSensitive() {
        assertThat(SimplePattern.parse("Foo*").matches("foobar")).isFalse();
    }

    @Test
    void loneBangIsNegativeMatchOfEmptyString() {
        SimplePattern p = SimplePattern.parse("! *");
        assertThat(p.decide("")).isEqualTo(Optional.of(false));
        assertThat(p.decide("x")).isEqualTo(Optional.of(true));
    }
}
