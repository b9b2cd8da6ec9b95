package dev.recur.site.examples;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import dev.recur.engine.tribuo.RecurrentRegressionTrainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Tribuo page's configuration-file example. */
class TribuoConfigExample {

    @Test
    void trainerFromAnOlcutFile(@TempDir Path dir) throws Exception {
        // example:start
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <config>
                    <component name="forecaster" type="dev.recur.engine.tribuo.RecurrentRegressionTrainer">
                        <property name="cell" value="GRU"/>
                        <property name="hiddenSize" value="64"/>
                        <property name="numLayers" value="2"/>
                        <property name="epochs" value="40"/>
                        <property name="learningRate" value="0.001"/>
                        <property name="loss" value="huber:1.0"/>
                        <property name="validationFraction" value="0.1"/>
                        <property name="levelChannel" value="y"/>
                        <property name="seed" value="7"/>
                    </component>
                </config>
                """;
        Path file = Files.writeString(dir.resolve("forecaster.xml"), xml);
        ConfigurationManager cm = new ConfigurationManager(file.toString());
        RecurrentRegressionTrainer trainer = (RecurrentRegressionTrainer) cm.lookup("forecaster");
        // example:end
        assertTrue(trainer.toString().contains("cell=GRU,hiddenSize=64,numLayers=2"), trainer.toString());
        assertTrue(trainer.toString().contains("levelChannel=y"), trainer.toString());
    }
}
